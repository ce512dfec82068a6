package dev.pagerboy.contracts.ack;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * ECDSA over secp256k1 as acknowledgment signatures use it: sign a 32-byte hash with an RFC 6979
 * nonce in the low-s form and name the recovery id, and recover the public key from (r, s, recovery
 * id). It runs on libsecp256k1 (native code, through ACINQ's secp256k1-kmp JNI binding, whose jars
 * carry the Linux, macOS and Windows libraries) when that loads, else on BouncyCastle, as Web3j
 * does, with one warning in the log.
 *
 * <p>Why: recovering an ack's signer through Web3j cost 0.22 ms of CPU, which at the job's goal of
 * 10,000 acks/s is 2.2 cores on a 2-core machine; libsecp256k1 recovers in a fraction of that (the
 * figures are in docs/BENCHMARKS.md, issue 14). Both backends give the same bytes as Web3j: the
 * nonce is RFC 6979's (HMAC-SHA256) on both sides, and {@code Secp256k1Test} compares signatures
 * and recovered keys over many random keys and messages, malformed signatures included.
 */
public final class Secp256k1 {

    /** Which implementation does the arithmetic. */
    public enum Backend {
        /** libsecp256k1 through JNI. */
        LIBSECP256K1,
        /** BouncyCastle in Java, the arithmetic Web3j uses. */
        BOUNCY_CASTLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(Secp256k1.class);
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    /** r below this can stand for the nonce point's x = r + n (recovery ids 2 and 3). */
    private static final BigInteger P_MINUS_N =
            CURVE.getCurve().getField().getCharacteristic().subtract(N);

    /** Stateless; its precomputed multiples of G live on the curve's generator. */
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    private static final Secp256k1 BOUNCY_CASTLE = new Secp256k1(null);
    private static final Secp256k1 PREFERRED = loadNative();

    /** The native library, or {@code null} for BouncyCastle. */
    private final fr.acinq.secp256k1.Secp256k1 lib;

    private Secp256k1(fr.acinq.secp256k1.Secp256k1 lib) {
        this.lib = lib;
    }

    /** libsecp256k1 if it loaded in this JVM, else BouncyCastle. */
    public static Secp256k1 get() {
        return PREFERRED;
    }

    /** The pure-Java implementation, also when the native one is loaded (tests, benchmarks). */
    public static Secp256k1 bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    public Backend backend() {
        return lib == null ? Backend.BOUNCY_CASTLE : Backend.LIBSECP256K1;
    }

    private static Secp256k1 loadNative() {
        try {
            fr.acinq.secp256k1.Secp256k1 lib = fr.acinq.secp256k1.Secp256k1.get();
            // A first call into the library here, so that a broken one fails now, not at an ack.
            byte[] generator = lib.pubkeyCreate(Numeric.toBytesPadded(BigInteger.ONE, 32));
            if (!Arrays.equals(generator, CURVE.getG().getEncoded(false))) {
                throw new IllegalStateException("its public key of 1 is not the generator");
            }
            return new Secp256k1(lib);
        } catch (
                Throwable
                        unavailable) { // an Error, too: UnsatisfiedLinkError, NoClassDefFoundError
            LOG.warn(
                    "libsecp256k1 did not load ({}); signing and recovering acks in Java"
                            + " (BouncyCastle), at several times the CPU per ack",
                    unavailable.toString());
            return BOUNCY_CASTLE;
        }
    }

    /**
     * Signs {@code hash} (32 bytes) with {@code key}: 65 bytes {@code r ‖ s ‖ recovery id}, s in
     * the low half of the curve order, exactly what Web3j's {@code Sign.signMessage} gives (its
     * header byte is 27 + the recovery id).
     */
    public byte[] sign(byte[] hash, ECKeyPair key) {
        if (lib == null) {
            return signInJava(hash, key.getPrivateKey());
        }
        byte[] rs = lib.sign(hash, Numeric.toBytesPadded(key.getPrivateKey(), 32));
        if (new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).compareTo(P_MINUS_N) < 0) {
            // The nonce point's x may be r + n (recovery id 2 or 3): odds about 2^-128.
            return signInJava(hash, key.getPrivateKey());
        }
        // The binding does not return the recovery id. With x = r it is 0 or 1, and 0 exactly
        // when recovering with 0 gives our own key.
        byte[] publicKey = Numeric.toBytesPadded(key.getPublicKey(), 64);
        byte[] rsv = Arrays.copyOf(rs, 65);
        rsv[64] = (byte) (Arrays.equals(publicKey, recover(hash, rs, 0)) ? 0 : 1);
        return rsv;
    }

    /**
     * The 64-byte public key {@code x ‖ y} that made signature {@code rs} (64 bytes {@code r ‖ s})
     * over {@code hash} with {@code recoveryId} (0 to 3), or {@code null} when none can be
     * recovered: r or s is zero or not below the curve order, no curve point has that x, or the
     * recovered point is the point at infinity. High-s signatures recover like low-s ones: refusing
     * them is the caller's business.
     */
    public byte[] recoverPublicKey(byte[] hash, byte[] rs, int recoveryId) {
        if (rs.length != 64 || hash.length != 32 || recoveryId < 0 || recoveryId > 3) {
            throw new IllegalArgumentException(
                    "expected a 64-byte r ‖ s, a 32-byte hash and a recovery id 0-3");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
            return null;
        }
        if (lib == null) {
            return recoverInJava(hash, r, s, recoveryId);
        }
        return recover(hash, rs, recoveryId);
    }

    private byte[] recover(byte[] hash, byte[] rs, int recoveryId) {
        try {
            byte[] uncompressed = lib.ecdsaRecover(rs, hash, recoveryId);
            return Arrays.copyOfRange(uncompressed, 1, 65);
        } catch (RuntimeException none) { // Secp256k1Exception: no such key
            return null;
        }
    }

    private static byte[] recoverInJava(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger key;
        try {
            key = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), hash);
        } catch (RuntimeException notOnTheCurve) {
            return null;
        }
        // Web3j answers 0 for the point at infinity; libsecp256k1 answers no key. So do we.
        return key == null || key.signum() == 0 ? null : Numeric.toBytesPadded(key, 64);
    }

    /**
     * RFC 6979 nonce and low-s form as Web3j's signer, but the recovery id from the parity of the
     * nonce point's y, which the signer has in hand (Web3j recovers the key for each candidate id
     * until one matches, and a recovery costs more than the signature).
     */
    private static byte[] signInJava(byte[] hash, BigInteger privateKey) {
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = MULTIPLIER.multiply(CURVE.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId =
                    (x.compareTo(N) >= 0 ? 2 : 0) | (point.getAffineYCoord().testBitZero() ? 1 : 0);
            if (s.compareTo(HALF_N) > 0) {
                // The low-s form (n - s) belongs to the nonce point's negation: y flips parity.
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            byte[] rsv = new byte[65];
            System.arraycopy(Numeric.toBytesPadded(r, 32), 0, rsv, 0, 32);
            System.arraycopy(Numeric.toBytesPadded(s, 32), 0, rsv, 32, 32);
            rsv[64] = (byte) recoveryId;
            return rsv;
        }
    }
}
