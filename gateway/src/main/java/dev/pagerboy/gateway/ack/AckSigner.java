package dev.pagerboy.gateway.ack;

import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.ack.InvalidAckSignatureException;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-191 signing of an {@link AckText} that yields exactly the signature {@link AckSignature#sign}
 * (Web3j) yields — RFC 6979 nonce, low-s form, {@code v} 27 or 28 — at about a third of its CPU.
 * Web3j finds {@code v} by recovering the public key from the signature for each candidate recovery
 * id until one matches, and each recovery costs more than the signature itself; here {@code v}
 * comes from the parity of the nonce point's y coordinate, which the signer has in hand. Signing is
 * most of the gateway's CPU per button press.
 */
final class AckSigner {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private final ECKeyPair key;
    private final BigInteger privateKey;
    private final FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();

    AckSigner(ECKeyPair key) {
        this.key = key;
        this.privateKey = key.getPrivateKey();
    }

    /** The 65-byte signature {@code r ‖ s ‖ v} over the prefixed text, as Web3j makes it. */
    AckSignature sign(AckText text) {
        byte[] hash = Sign.getEthereumMessageHash(text.bytes());
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = multiplier.multiply(CURVE.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = point.getAffineYCoord().testBitZero() ? 1 : 0;
            if (x.compareTo(N) >= 0) {
                // x ≥ n (odds about 2^-128): keep Web3j's answer for this case.
                return AckSignature.sign(text, key);
            }
            if (s.compareTo(HALF_N) > 0) {
                // The low-s form (n - s) belongs to the nonce point's negation: y flips parity.
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            byte[] rsv = new byte[65];
            System.arraycopy(Numeric.toBytesPadded(r, 32), 0, rsv, 0, 32);
            System.arraycopy(Numeric.toBytesPadded(s, 32), 0, rsv, 32, 32);
            rsv[64] = (byte) (27 + recoveryId);
            try {
                return AckSignature.fromBytes(rsv);
            } catch (InvalidAckSignatureException unreadable) {
                throw new IllegalStateException("made an unreadable signature", unreadable);
            }
        }
    }
}
