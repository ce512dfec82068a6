package dev.pagerboy.datasets.gen;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Deterministic secp256k1 keys of the generated on-call engineers, derived from the generator seed
 * so a stream's acknowledgments verify the same way every time: the private key of engineer {@code
 * n} of team {@code t} is SHA-256({@code "pagerboy/v1 engineer|<seed>|<t>|<n>"}) reduced into [1,
 * curve order). The forger's key uses the name {@code "forger"} in place of a team.
 *
 * <p>These keys are public test fixtures (anyone with the seed can derive them): never use them for
 * anything of value.
 */
public final class EngineerKeys {
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private final long seed;
    private final Map<String, Engineer> cache = new HashMap<>();

    public EngineerKeys(long seed) {
        this.seed = seed;
    }

    /** An engineer: key pair and checksum-free lowercase address. */
    public record Engineer(ECKeyPair keyPair, String address) {}

    public Engineer engineer(String team, int n) {
        return cache.computeIfAbsent(team + "|" + n, this::derive);
    }

    /** The key that signs forged acknowledgments (never any engineer's key). */
    public Engineer forger() {
        return cache.computeIfAbsent("forger|0", this::derive);
    }

    private Engineer derive(String teamAndIndex) {
        byte[] digest = sha256("pagerboy/v1 engineer|" + seed + "|" + teamAndIndex);
        BigInteger privateKey =
                new BigInteger(1, digest)
                        .mod(CURVE_ORDER.subtract(BigInteger.ONE))
                        .add(BigInteger.ONE);
        ECKeyPair keyPair = ECKeyPair.create(privateKey);
        return new Engineer(keyPair, Numeric.prependHexPrefix(Keys.getAddress(keyPair)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
