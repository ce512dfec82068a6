package dev.pagerboy.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Bytes32Test {

    @Test
    void hexRoundTripsWithOrWithoutPrefixAndInAnyCase() {
        String hex = "0x" + "ab".repeat(31) + "0f";

        assertThat(Bytes32.fromHex(hex).toHex()).isEqualTo(hex);
        assertThat(Bytes32.fromHex(hex.substring(2).toUpperCase())).isEqualTo(Bytes32.fromHex(hex));
    }

    @Test
    void rejectsValuesThatAreNot32Bytes() {
        assertThatThrownBy(() -> Bytes32.fromHex("0x1234")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> Bytes32.fromHex("zz".repeat(32)))
                .hasMessageContaining("not a hex");
        assertThatThrownBy(() -> Bytes32.of(new byte[31])).hasMessageContaining("got 31");
    }

    @Test
    void isImmutable() {
        byte[] raw = new byte[32];
        Bytes32 value = Bytes32.of(raw);
        raw[0] = 1;
        value.toArray()[1] = 1;

        assertThat(value).isEqualTo(Bytes32.ZERO);
    }

    @Test
    void ordersLikeSolidityUnsignedBytes32() {
        Bytes32 small = Bytes32.fromHex("7f" + "00".repeat(31));
        Bytes32 large = Bytes32.fromHex("80" + "00".repeat(31)); // negative as a signed byte

        assertThat(small).isLessThan(large);
    }

    @Test
    void keccakMatchesTheKnownEmptyStringDigest() {
        assertThat(Bytes32.keccak256("").toHex())
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }
}
