package dev.pagerboy.contracts.ack;

import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.Bytes32;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * An EIP-191 {@code personal_sign} signature over an {@link AckText} (the canonical text shared
 * with the datasets generator and the job): 65 bytes {@code r ‖ s ‖ v} with {@code v} in {27, 28},
 * the form wallets produce.
 *
 * <p>Only the canonical low-s form is accepted. For every valid (r, s) the pair (r, n − s) with the
 * other v recovers the same address; accepting both would let anyone mint a second, different
 * signature (and signature hash, hence a different leaf) for the same acknowledgment.
 */
public final class AckSignature {

    public static final int LENGTH = 65;

    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] rsv;

    private AckSignature(byte[] rsv) {
        this.rsv = rsv;
    }

    /**
     * Signs {@code message} with {@code key} (always low-s, v = 27 or 28): byte for byte Web3j's
     * {@code Sign.signPrefixedMessage}, through {@link Secp256k1}.
     */
    public static AckSignature sign(AckText message, ECKeyPair key) {
        return sign(message, key, Secp256k1.get());
    }

    /** {@link #sign(AckText, ECKeyPair)} on the given backend (tests and benchmarks). */
    public static AckSignature sign(AckText message, ECKeyPair key, Secp256k1 curve) {
        byte[] rsv = curve.sign(Sign.getEthereumMessageHash(message.bytes()), key);
        rsv[64] += 27;
        return new AckSignature(rsv);
    }

    /**
     * Parses 65 bytes of {@code r ‖ s ‖ v} as 130 hex digits ({@code 0x} optional). A v of 0 or 1
     * (some signers emit the raw recovery id) is normalised to 27 or 28.
     */
    public static AckSignature fromHex(String hex) throws InvalidAckSignatureException {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH) {
            throw new InvalidAckSignatureException(
                    "signature must be 65 bytes (130 hex digits), got "
                            + digits.length()
                            + " digits");
        }
        try {
            return fromBytes(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new InvalidAckSignatureException("signature is not hex: " + hex, e);
        }
    }

    public static AckSignature fromBytes(byte[] bytes) throws InvalidAckSignatureException {
        if (bytes.length != LENGTH) {
            throw new InvalidAckSignatureException(
                    "signature must be 65 bytes, got " + bytes.length);
        }
        byte[] rsv = bytes.clone();
        if (rsv[64] == 0 || rsv[64] == 1) {
            rsv[64] += 27;
        }
        if (rsv[64] != 27 && rsv[64] != 28) {
            throw new InvalidAckSignatureException(
                    "signature v must be 27 or 28, got " + Byte.toUnsignedInt(rsv[64]));
        }
        return new AckSignature(rsv);
    }

    public byte[] toBytes() {
        return rsv.clone();
    }

    public String toHex() {
        return "0x" + HEX.formatHex(rsv);
    }

    /** keccak256 of the 65 signature bytes: what an {@link AckLeaf} commits to. */
    public Bytes32 hash() {
        return Bytes32.keccak256(rsv);
    }

    /**
     * The lowercase 0x address whose key produced this signature over {@code message}.
     *
     * @throws InvalidAckSignatureException for a high-s (malleable) signature, r or s out of range,
     *     or a signature from which no key can be recovered
     */
    public String recoverSigner(AckText message) throws InvalidAckSignatureException {
        return recoverSigner(message, Secp256k1.get());
    }

    /** {@link #recoverSigner(AckText)} on the given backend (tests and benchmarks). */
    public String recoverSigner(AckText message, Secp256k1 curve)
            throws InvalidAckSignatureException {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64));
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0) {
            throw new InvalidAckSignatureException("signature r is out of range");
        }
        if (s.signum() == 0) {
            throw new InvalidAckSignatureException("signature s is zero");
        }
        if (s.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new InvalidAckSignatureException(
                    "signature s is in the upper half of the curve order (malleable high-s form)");
        }
        byte[] publicKey =
                curve.recoverPublicKey(
                        Sign.getEthereumMessageHash(message.bytes()),
                        Arrays.copyOfRange(rsv, 0, 64),
                        rsv[64] - 27);
        if (publicKey == null) {
            throw new InvalidAckSignatureException(
                    "no public key can be recovered from the signature");
        }
        // The address is the last 20 bytes of the key's keccak256, as Web3j's Keys.getAddress.
        return "0x" + HEX.formatHex(Hash.sha3(publicKey), 12, 32);
    }

    /** True when this is a valid low-s signature of {@code message} by {@code address}. */
    public boolean isSignedBy(AckText message, String address) {
        try {
            return recoverSigner(message).equalsIgnoreCase(address);
        } catch (InvalidAckSignatureException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckSignature other && Arrays.equals(rsv, other.rsv);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rsv);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
