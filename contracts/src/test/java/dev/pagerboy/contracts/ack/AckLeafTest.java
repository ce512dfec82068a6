package dev.pagerboy.contracts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.Bytes32;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes8;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

class AckLeafTest {

    static final String ENGINEER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    static final Bytes32 SIG_HASH = Bytes32.keccak256("a signature");

    /** abi.encode(...) as Web3j's general-purpose encoder produces it, for comparison. */
    static String web3jAbiEncode(AckLeaf leaf) {
        return FunctionEncoder.encodeConstructor(
                List.of(
                        new Utf8String(leaf.incidentId()),
                        new Bytes8(HexFormat.of().parseHex(leaf.fingerprint())),
                        new Address(leaf.engineer()),
                        new Uint64(BigInteger.valueOf(leaf.ackedAtMillis())),
                        new org.web3j.abi.datatypes.generated.Bytes32(
                                leaf.signatureHash().toArray()),
                        new Uint64(BigInteger.valueOf(leaf.sequence())),
                        new Uint8(BigInteger.valueOf(leaf.method().code()))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I",
                "INC-2026-0042",
                "exactly-thirty-two-bytes-long-id",
                "thirty-three-bytes-long-incident!",
                "incident with ünïcode ✓ and a long tail that spans several words of the encoding"
            })
    void encodingIsSolidityAbiEncode(String incidentId) {
        AckLeaf leaf =
                new AckLeaf(
                        incidentId,
                        "fedcba9876543210",
                        ENGINEER,
                        Long.MAX_VALUE,
                        SIG_HASH,
                        123_456_789L,
                        AckMethod.GATEWAY_ONE_TIME_LINK);

        assertThat(HexFormat.of().formatHex(leaf.abiEncoded())).isEqualTo(web3jAbiEncode(leaf));
        assertThat(leaf.digest()).isEqualTo(Bytes32.keccak256(leaf.abiEncoded()));
    }

    @Test
    void everyFieldChangesTheDigest() {
        AckLeaf base =
                new AckLeaf(
                        "INC-1",
                        "0123456789abcdef",
                        ENGINEER,
                        1000,
                        SIG_HASH,
                        7,
                        AckMethod.SELF_SIGNED);
        List<AckLeaf> variants =
                List.of(
                        new AckLeaf(
                                "INC-2",
                                "0123456789abcdef",
                                ENGINEER,
                                1000,
                                SIG_HASH,
                                7,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdee",
                                ENGINEER,
                                1000,
                                SIG_HASH,
                                7,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                "0x" + "1".repeat(40),
                                1000,
                                SIG_HASH,
                                7,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                ENGINEER,
                                1001,
                                SIG_HASH,
                                7,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                ENGINEER,
                                1000,
                                Bytes32.keccak256("x"),
                                7,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                ENGINEER,
                                1000,
                                SIG_HASH,
                                8,
                                AckMethod.SELF_SIGNED),
                        new AckLeaf(
                                "INC-1",
                                "0123456789abcdef",
                                ENGINEER,
                                1000,
                                SIG_HASH,
                                7,
                                AckMethod.GATEWAY_ONE_TIME_LINK));

        assertThat(variants)
                .extracting(AckLeaf::digest)
                .doesNotContain(base.digest())
                .doesNotHaveDuplicates();
    }

    @Test
    void leafOfASignedMessageCommitsToTheSignature() {
        var key = AckSignatureTest.ENGINEER.getEcKeyPair();
        AckSignature signature = AckSignature.sign(AckSignatureTest.MESSAGE, key);

        AckLeaf leaf = AckLeaf.of(AckSignatureTest.MESSAGE, signature, 42, AckMethod.SELF_SIGNED);

        assertThat(leaf.signatureHash()).isEqualTo(signature.hash());
        assertThat(leaf.message(AckAction.ACK)).isEqualTo(AckSignatureTest.MESSAGE);
    }

    @Test
    void rejectsFieldsTheContractCannotHold() {
        assertThatThrownBy(
                        () ->
                                new AckLeaf(
                                        "",
                                        "0123456789abcdef",
                                        ENGINEER,
                                        1,
                                        SIG_HASH,
                                        1,
                                        AckMethod.SELF_SIGNED))
                .hasMessageContaining("incident id");
        assertThatThrownBy(
                        () ->
                                new AckLeaf(
                                        "I",
                                        "0123456789abcdef",
                                        ENGINEER,
                                        1,
                                        SIG_HASH,
                                        -1,
                                        AckMethod.SELF_SIGNED))
                .hasMessageContaining("sequence");
        assertThatThrownBy(
                        () ->
                                new AckLeaf(
                                        "I",
                                        "0123",
                                        ENGINEER,
                                        1,
                                        SIG_HASH,
                                        1,
                                        AckMethod.SELF_SIGNED))
                .hasMessageContaining("fingerprint");
    }
}
