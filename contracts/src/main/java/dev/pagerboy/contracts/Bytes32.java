package dev.pagerboy.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * An immutable 32-byte value: a batch id, a Merkle root, a leaf digest or a signature hash — the
 * Solidity {@code bytes32} of the ledger, with value equality and a {@code 0x} hex form.
 */
public final class Bytes32 implements Comparable<Bytes32> {

    public static final int LENGTH = 32;
    public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes32(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of exactly 32 bytes. */
    public static Bytes32 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a bytes32 value has 32 bytes, got " + bytes.length);
        }
        return new Bytes32(bytes.clone());
    }

    /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
    public static Bytes32 fromHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH) {
            throw new IllegalArgumentException(
                    "a bytes32 value is 64 hex digits, got '" + hex + "'");
        }
        try {
            return new Bytes32(HEX.parseHex(digits.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex bytes32 value: '" + hex + "'", e);
        }
    }

    /** keccak256 of the given bytes. */
    public static Bytes32 keccak256(byte[] data) {
        return new Bytes32(Hash.sha3(data));
    }

    /** keccak256 of the UTF-8 bytes of {@code text}, e.g. to derive a batch id from a name. */
    public static Bytes32 keccak256(String text) {
        return keccak256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the 32 bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** Copies the 32 bytes into {@code target} at {@code offset} without allocating. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** Lowercase {@code 0x}-prefixed hex. */
    public String toHex() {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Unsigned byte order: the order of Solidity's {@code bytes32 <}. */
    @Override
    public int compareTo(Bytes32 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
