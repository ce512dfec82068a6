package dev.pagerboy.contracts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Both backends of {@link Secp256k1} give Web3j's bytes: the same signatures (RFC 6979 nonce, low
 * s, recovery id) and the same recovered keys, over random keys and messages, and refuse what Web3j
 * cannot recover. Seeded, so a failure repeats.
 */
class Secp256k1Test {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();

    private static final List<Secp256k1> BACKENDS =
            List.of(Secp256k1.get(), Secp256k1.bouncyCastle());

    @Test
    void theNativeLibraryLoadsOnThisPlatform() {
        assertThat(Secp256k1.get().backend()).isEqualTo(Secp256k1.Backend.LIBSECP256K1);
        assertThat(Secp256k1.bouncyCastle().backend()).isEqualTo(Secp256k1.Backend.BOUNCY_CASTLE);
    }

    @Test
    void signsExactlyAsWeb3jOverRandomKeysAndMessages() {
        Random random = new Random(14);
        int[] ids = new int[4];
        for (int i = 0; i < 300; i++) {
            ECKeyPair key = randomKey(random);
            byte[] message = new byte[1 + random.nextInt(300)];
            random.nextBytes(message);
            Sign.SignatureData web3j = Sign.signPrefixedMessage(message, key);
            byte[] expected = concat(web3j.getR(), web3j.getS(), new byte[] {web3j.getV()[0]});
            byte[] hash = Sign.getEthereumMessageHash(message);
            for (Secp256k1 backend : BACKENDS) {
                byte[] rsv = backend.sign(hash, key);
                rsv[64] += 27;
                assertThat(rsv).as("%s, signature %d", backend.backend(), i).isEqualTo(expected);
            }
            ids[expected[64] - 27]++;
        }
        assertThat(ids[0]).as("signatures with recovery id 0").isPositive();
        assertThat(ids[1]).as("signatures with recovery id 1").isPositive();
    }

    @Test
    void recoversExactlyAsWeb3jFromValidHighSAndRandomSignatures() {
        Random random = new Random(16);
        int recovered = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            ECKeyPair key = randomKey(random);
            byte[] valid = Secp256k1.bouncyCastle().sign(hash, key);
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(valid, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(valid, 32, 64));
            // The signature, its high-s twin (plain recovery accepts it), the wrong recovery id,
            // and an r and s drawn at random (about half of all x are on no curve point).
            recovered += compare(hash, r, s, valid[64]);
            recovered += compare(hash, r, N.subtract(s), valid[64] ^ 1);
            recovered += compare(hash, r, s, valid[64] ^ 1);
            int before = recovered;
            recovered += compare(hash, below(N, random), below(N, random), random.nextInt(2));
            refused += recovered == before ? 1 : 0;
        }
        assertThat(refused).as("random signatures no key recovers from").isBetween(100, 300);
    }

    @Test
    void refusesROrSZeroOrNotBelowTheCurveOrder() {
        byte[] hash = Hash.sha3(new byte[] {1});
        BigInteger fine = N.shiftRight(2);
        for (BigInteger bad : List.of(BigInteger.ZERO, N, N.add(BigInteger.ONE), max256())) {
            for (Secp256k1 backend : BACKENDS) {
                assertThat(backend.recoverPublicKey(hash, rs(bad, fine), 0))
                        .as("%s, r = %s", backend.backend(), bad)
                        .isNull();
                assertThat(backend.recoverPublicKey(hash, rs(fine, bad), 0))
                        .as("%s, s = %s", backend.backend(), bad)
                        .isNull();
            }
        }
    }

    /**
     * r and s can be chosen so that the recovered point is the point at infinity: with R = (e / s)
     * G, s R - e G is zero. Web3j then answers the key 0 (whose "address" is keccak of 64 zero
     * bytes); libsecp256k1 answers no key; both backends and {@link AckSignature} refuse it.
     */
    @Test
    void refusesASignatureThatRecoversThePointAtInfinity() throws Exception {
        AckText text =
                new AckText("INC-7", "0123456789abcdef", "0x" + "ab".repeat(20), AckAction.ACK, 7);
        byte[] hash = Sign.getEthereumMessageHash(text.bytes());
        BigInteger e = new BigInteger(1, hash);
        BigInteger s = BigInteger.valueOf(12345);
        ECPoint point = CURVE.getG().multiply(e.multiply(s.modInverse(N)).mod(N)).normalize();
        BigInteger r = point.getAffineXCoord().toBigInteger();
        int id = point.getAffineYCoord().testBitZero() ? 1 : 0;

        assertThat(Sign.recoverFromSignature(id, new ECDSASignature(r, s), hash))
                .isEqualTo(BigInteger.ZERO);
        for (Secp256k1 backend : BACKENDS) {
            assertThat(backend.recoverPublicKey(hash, rs(r, s), id))
                    .as("%s", backend.backend())
                    .isNull();
        }
        byte[] rsv = Arrays.copyOf(rs(r, s), 65);
        rsv[64] = (byte) (27 + id);
        assertThatThrownBy(() -> AckSignature.fromBytes(rsv).recoverSigner(text))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("no public key can be recovered");
    }

    @Test
    void ackSignaturesRecoverTheSignersAddressAsWeb3jDoes() throws Exception {
        Random random = new Random(20);
        for (int i = 0; i < 50; i++) {
            ECKeyPair key = randomKey(random);
            String address = "0x" + Keys.getAddress(key);
            AckText text =
                    new AckText(
                            "INC-" + i,
                            "0123456789abcdef",
                            address,
                            AckAction.values()[i % AckAction.values().length],
                            1_796_529_600_000L + random.nextInt(1_000_000));
            AckSignature signature = AckSignature.sign(text, key);
            byte[] rsv = signature.toBytes();
            Sign.SignatureData data =
                    new Sign.SignatureData(
                            rsv[64],
                            Arrays.copyOfRange(rsv, 0, 32),
                            Arrays.copyOfRange(rsv, 32, 64));
            String web3j =
                    "0x" + Keys.getAddress(Sign.signedPrefixedMessageToKey(text.bytes(), data));
            assertThat(signature.recoverSigner(text)).isEqualTo(web3j).isEqualTo(address);
        }
    }

    /**
     * Every malformed signature is refused with the same message on both backends; r or s out of
     * range and the high-s twin before any curve arithmetic, an r that is no point's x by the
     * recovery.
     */
    @Test
    void ackSignaturesRefuseMalformedOnesAlikeOnBothBackends() throws Exception {
        ECKeyPair key = randomKey(new Random(3));
        AckText text =
                new AckText(
                        "INC-3", "0123456789abcdef", "0x" + Keys.getAddress(key), AckAction.ACK, 3);
        byte[] valid = AckSignature.sign(text, key).toBytes();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(valid, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(valid, 32, 64));
        BigInteger noPointsX = firstXOfNoPoint();
        int otherV = 55 - valid[64]; // 27 <-> 28
        record Bad(BigInteger r, BigInteger s, int v, String message) {}
        List<Bad> cases =
                List.of(
                        new Bad(BigInteger.ZERO, s, valid[64], "r is out of range"),
                        new Bad(N, s, valid[64], "r is out of range"),
                        new Bad(max256(), s, valid[64], "r is out of range"),
                        new Bad(r, BigInteger.ZERO, valid[64], "s is zero"),
                        new Bad(r, N.subtract(s), otherV, "high-s"),
                        new Bad(r, N.subtract(BigInteger.ONE), valid[64], "high-s"),
                        new Bad(noPointsX, s, valid[64], "no public key can be recovered"));
        for (Bad bad : cases) {
            byte[] rsv = Arrays.copyOf(rs(bad.r(), bad.s()), 65);
            rsv[64] = (byte) bad.v();
            AckSignature signature = AckSignature.fromBytes(rsv);
            for (Secp256k1 backend : BACKENDS) {
                assertThatThrownBy(() -> signature.recoverSigner(text, backend))
                        .as("%s, %s", backend.backend(), bad)
                        .isInstanceOf(InvalidAckSignatureException.class)
                        .hasMessageContaining(bad.message());
            }
        }
        byte[] badV = valid.clone();
        badV[64] = 29;
        assertThatThrownBy(() -> AckSignature.fromBytes(badV))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("v must be 27 or 28");
        for (Secp256k1 backend : BACKENDS) {
            assertThat(AckSignature.fromBytes(valid).recoverSigner(text, backend))
                    .isEqualTo("0x" + Keys.getAddress(key));
        }
    }

    /** Recovers with Web3j and both backends; asserts they agree; 1 when a key came back. */
    private static int compare(byte[] hash, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger web3j;
        try {
            web3j = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), hash);
        } catch (IllegalArgumentException notOnTheCurve) {
            web3j = null;
        }
        byte[] expected = web3j == null ? null : Numeric.toBytesPadded(web3j, 64);
        for (Secp256k1 backend : BACKENDS) {
            assertThat(backend.recoverPublicKey(hash, rs(r, s), recoveryId))
                    .as("%s: r %s, s %s, id %d", backend.backend(), r, s, recoveryId)
                    .isEqualTo(expected);
        }
        return expected == null ? 0 : 1;
    }

    /** The smallest x for which x^3 + 7 has no square root mod p. */
    private static BigInteger firstXOfNoPoint() {
        for (int x = 1; ; x++) {
            byte[] compressed = Arrays.copyOf(new byte[] {2}, 33);
            System.arraycopy(
                    Numeric.toBytesPadded(BigInteger.valueOf(x), 32), 0, compressed, 1, 32);
            try {
                CURVE.getCurve().decodePoint(compressed);
            } catch (IllegalArgumentException noRoot) {
                return BigInteger.valueOf(x);
            }
        }
    }

    private static ECKeyPair randomKey(Random random) {
        return ECKeyPair.create(below(N, random));
    }

    /** Uniform in [1, bound). */
    private static BigInteger below(BigInteger bound, Random random) {
        while (true) {
            BigInteger v = new BigInteger(bound.bitLength(), random);
            if (v.signum() > 0 && v.compareTo(bound) < 0) {
                return v;
            }
        }
    }

    private static BigInteger max256() {
        return BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    }

    private static byte[] rs(BigInteger r, BigInteger s) {
        return concat(Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
