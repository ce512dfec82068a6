package dev.pagerboy.tools.demo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The signing keys of the sample configuration's roster, so that the demo can acknowledge pages the
 * way the engineers themselves would. The private key of the engineer named {@code n} is
 * SHA-256({@code "pagerboy demo engineer|<n>"}) reduced into [1, curve order); the addresses in
 * {@code streaming-job/config/pagerboy.yaml} are the addresses of these keys.
 *
 * <p>These keys are public fixtures (anyone can derive them from the name): a real roster must use
 * keys its engineers keep to themselves. {@link #UNROSTERED} is the key of someone on no roster.
 */
public final class DemoEngineerKeys {

    /** A stranger's key: signs correctly, but its address is on no roster entry. */
    static final String UNROSTERED = "mallory";

    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private DemoEngineerKeys() {}

    /** The demo key of the engineer named {@code name}. */
    public static ECKeyPair of(String name) {
        byte[] digest = sha256("pagerboy demo engineer|" + name);
        BigInteger privateKey =
                new BigInteger(1, digest)
                        .mod(CURVE_ORDER.subtract(BigInteger.ONE))
                        .add(BigInteger.ONE);
        return ECKeyPair.create(privateKey);
    }

    /** The lowercase {@code 0x} address of {@code key}. */
    public static String address(ECKeyPair key) {
        return Numeric.prependHexPrefix(Keys.getAddress(key));
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
