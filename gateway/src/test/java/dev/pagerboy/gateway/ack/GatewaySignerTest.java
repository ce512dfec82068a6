package dev.pagerboy.gateway.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.ack.AckSignature;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** The gateway's signer makes byte for byte the signature Web3j makes, for both recovery ids. */
class GatewaySignerTest {

    @Test
    void signsExactlyAsWeb3jDoes() throws Exception {
        Random random = new Random(16);
        Set<Byte> recoveryBytes = new HashSet<>();
        for (int k = 0; k < 4; k++) {
            ECKeyPair key = Keys.createEcKeyPair(SecureRandom.getInstance("SHA1PRNG"));
            String address = Credentials.create(key).getAddress();
            GatewaySigner signer = new GatewaySigner(Credentials.create(key));
            for (int i = 0; i < 50; i++) {
                String incident = String.format("%016x-%d", random.nextLong(), 1796529600000L + i);
                AckText text =
                        new AckText(
                                incident,
                                incident.substring(0, 16),
                                address,
                                AckAction.values()[i % AckAction.values().length],
                                1796529600000L + random.nextInt(1_000_000));
                AckSignature ours = AckSignature.fromHex(signer.sign(text).signature());
                assertThat(ours.toHex())
                        .as("signature %d of key %d", i, k)
                        .isEqualTo(web3j(text, key));
                assertThat(ours.recoverSigner(text)).isEqualToIgnoringCase(address);
                recoveryBytes.add(ours.toBytes()[64]);
            }
        }
        // Both parities of the nonce point occurred, so both branches of v were compared.
        assertThat(recoveryBytes).containsExactlyInAnyOrder((byte) 27, (byte) 28);
    }

    private static String web3j(AckText text, ECKeyPair key) {
        Sign.SignatureData web3j = Sign.signPrefixedMessage(text.bytes(), key);
        return "0x"
                + HexFormat.of().formatHex(web3j.getR())
                + HexFormat.of().formatHex(web3j.getS())
                + HexFormat.of().formatHex(web3j.getV());
    }
}
