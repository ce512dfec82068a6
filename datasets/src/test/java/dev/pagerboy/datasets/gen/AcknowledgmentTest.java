package dev.pagerboy.datasets.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.schema.StreamStatistics;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class AcknowledgmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The address that signed an ack, recovered from its EIP-191 signature over the canonical text
     * rebuilt from the message by the shared reader.
     */
    static String recoverSigner(JsonNode ack) throws Exception {
        SignedAck signed = SignedAck.read(ack);
        byte[] sig = Numeric.hexStringToByteArray(signed.signature());
        Sign.SignatureData data =
                new Sign.SignatureData(
                        sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64));
        BigInteger publicKey = Sign.signedPrefixedMessageToKey(signed.text().bytes(), data);
        return "0x" + Keys.getAddress(publicKey);
    }

    @Test
    void generatedAcksCarryTheSharedSignedTextsFields() throws Exception {
        List<Envelope> stream =
                GeneratedStreams.list(
                        GeneratorConfig.of(5, 2_000, AlertFormat.NATIVE).withAcks(true));
        Envelope first =
                stream.stream().filter(e -> e.topic().equals(Envelope.ACKS)).findFirst().get();
        AckText text = SignedAck.read(JSON.readTree(first.payload())).text();
        assertThat(text.action()).isEqualTo(AckAction.ACK);
        assertThat(text.ackedAtMillis()).isEqualTo(first.ts());
        assertThat(text.text()).startsWith(AckText.HEADER + "\nincident: " + text.fingerprint());
    }

    @Test
    void genuineAcksRecoverToTheClaimedEngineerAndForgedOnesDoNot() throws Exception {
        List<Envelope> stream =
                GeneratedStreams.list(
                        GeneratorConfig.of(9, 10_000, AlertFormat.ALERTMANAGER)
                                .withAcks(true)
                                .withFaults(0, 0.2));
        Set<String> firedIncidents = new HashSet<>();
        int genuine = 0;
        int forged = 0;
        for (Envelope e : stream) {
            JsonNode m = JSON.readTree(e.payload());
            if (e.topic().equals(Envelope.ALERTS)) {
                JsonNode alert = m.path("alerts").get(0);
                firedIncidents.add(
                        alert.path("fingerprint").asText()
                                + ":"
                                + Rfc3339.parse(alert.path("startsAt").asText()));
                continue;
            }
            assertThat(e.key()).isEqualTo(m.path("fingerprint").asText());
            assertThat(e.ts()).isEqualTo(Rfc3339.parse(m.path("ackedAt").asText()));
            assertThat(firedIncidents)
                    .as("an ack follows its alert")
                    .contains(m.path("incident").asText());
            if (recoverSigner(m).equals(m.path("engineer").asText())) {
                genuine++;
            } else {
                forged++;
            }
        }
        assertThat(genuine + forged).isGreaterThan(500);
        assertThat(forged / (double) (genuine + forged)).isCloseTo(0.2, within(0.05));
    }

    @Test
    void engineerKeysAreDerivedFromTheSeed() {
        assertThat(new EngineerKeys(1).engineer("databases", 0).address())
                .isEqualTo(new EngineerKeys(1).engineer("databases", 0).address())
                .isNotEqualTo(new EngineerKeys(2).engineer("databases", 0).address())
                .isNotEqualTo(new EngineerKeys(1).engineer("databases", 1).address())
                .matches("0x[0-9a-f]{40}");
    }

    @Test
    void longIncidentsAreAcknowledgedAfterAboutFiveMinutesExceptTheNeverAckedShare() {
        StreamStatistics stats = new StreamStatistics(AlertFormat.NATIVE);
        new AlertStreamGenerator(GeneratorConfig.of(4, 60_000, AlertFormat.NATIVE).withAcks(true))
                .forEachRemaining(stats::accept);
        StreamStatistics.Report report = stats.report();
        Calibration cal = Calibration.defaults();
        // Incidents of an hour or more are not cut short by their resolve, so they show the
        // unconditioned ack delay (mean 5 min; P(delay > 1 h) is about 0.1 %).
        assertThat(report.longIncidents()).isGreaterThan(700);
        assertThat(report.longAckedShare()).isCloseTo(1 - cal.neverAckedFraction(), within(0.03));
        assertThat(report.longMeanAckSeconds())
                .isCloseTo(cal.ackMeanSeconds(), within(cal.ackMeanSeconds() * 0.12));
    }
}
