package dev.pagerboy.tools.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.alerts.format.JsonFields;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AckSigner;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.EngineerKeys;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import org.junit.jupiter.api.Test;

/**
 * One signed-ack text across the modules: the datasets generator signs (its own Web3j signer), the
 * shared reader in {@code alerts} turns the {@code acks} record back into the text (as the job
 * will), and the contracts module verifies; and a signature made by the contracts module is byte
 * for byte the one the generator makes for the same key and text. If either module built a
 * different text, no generated ack would verify.
 */
class SignedAckAcrossModulesTest {

    @Test
    void acksSignedByTheGeneratorVerifyInTheContractsModule() throws Exception {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(
                        GeneratorConfig.of(21, 3_000, AlertFormat.NATIVE)
                                .withAcks(true)
                                .withFaults(0, 0.25));
        EngineerKeys keys = new EngineerKeys(21);
        String forger = keys.forger().address();
        int genuine = 0;
        int forged = 0;
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (!Envelope.ACKS.equals(e.topic())) {
                continue;
            }
            SignedAck ack = SignedAck.read(JsonFields.parse(e.value()));
            String signer = AckSignature.fromHex(ack.signature()).recoverSigner(ack.text());
            if (signer.equals(ack.text().engineer())) {
                genuine++;
            } else {
                assertThat(signer)
                        .as("a signature that does not verify is the forger's")
                        .isEqualTo(forger);
                forged++;
            }
        }
        assertThat(genuine).isGreaterThan(50);
        assertThat(forged).isPositive();
    }

    @Test
    void theContractsModuleAndTheGeneratorMakeTheSameSignatureForTheSameText() throws Exception {
        EngineerKeys.Engineer engineer = new EngineerKeys(3).engineer("databases", 1);
        for (AckAction action : AckAction.values()) {
            AckText text =
                    new AckText(
                            "0123456789abcdef:1764331200000",
                            "0123456789abcdef",
                            engineer.address(),
                            action,
                            1_764_331_500_000L);
            String byGenerator = AckSigner.sign(text, engineer.keyPair()).signature();
            AckSignature byContracts = AckSignature.sign(text, engineer.keyPair());
            assertThat(byContracts.toHex()).isEqualTo(byGenerator);
            assertThat(AckSignature.fromHex(byGenerator).isSignedBy(text, engineer.address()))
                    .isTrue();
        }
    }
}
