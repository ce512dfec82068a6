package dev.pagerboy.gateway.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.ack.AckSignature;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** The gateway's signer makes byte for byte the signature Web3j makes, for both recovery ids. */
class AckSignerTest {

    @Test
    void signsExactlyAsWeb3jDoes() throws Exception {
        Random random = new Random(16);
        Set<Byte> recoveryBytes = new HashSet<>();
        for (int k = 0; k < 4; k++) {
            ECKeyPair key = Keys.createEcKeyPair(SecureRandom.getInstance("SHA1PRNG"));
            String address = Credentials.create(key).getAddress();
            AckSigner signer = new AckSigner(key);
            for (int i = 0; i < 50; i++) {
                String incident = String.format("%016x-%d", random.nextLong(), 1796529600000L + i);
                AckText text =
                        new AckText(
                                incident,
                                incident.substring(0, 16),
                                address,
                                AckAction.values()[i % AckAction.values().length],
                                1796529600000L + random.nextInt(1_000_000));
                AckSignature ours = signer.sign(text);
                assertThat(ours.toHex())
                        .as("signature %d of key %d", i, k)
                        .isEqualTo(AckSignature.sign(text, key).toHex());
                assertThat(ours.recoverSigner(text)).isEqualToIgnoringCase(address);
                recoveryBytes.add(ours.toBytes()[64]);
            }
        }
        // Both parities of the nonce point occurred, so both branches of v were compared.
        assertThat(recoveryBytes).containsExactlyInAnyOrder((byte) 27, (byte) 28);
    }
}
