package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.datasets.gen.EngineerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * R3's acks answer the engineer pages of the fault-free run, once per incident, signed by a key
 * whose address the R3 configuration puts on the roster.
 */
class AckPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EngineerKeys keys = new EngineerKeys(20);

    private static String page(String incident, String engineer, long eventTime) {
        return "{\"idempotencyKey\":\""
                + incident
                + "/"
                + eventTime
                + "\",\"eventTime\":"
                + eventTime
                + ",\"alerts\":[{\"fingerprint\":\"d7734f4fcb92c290\"}],\"incidentId\":\""
                + incident
                + "\",\"engineer\":\""
                + engineer
                + "\"}";
    }

    @Test
    void oneSignedAckPerPagedIncidentAfterItsFirstEngineerPage() throws Exception {
        Map<String, List<String>> pages =
                Map.of(
                        "a/2", List.of(page("f023f728c399bf69-1767226200669", "dave", 2_000)),
                        "a/1", List.of(page("f023f728c399bf69-1767226200669", "dave", 1_000)),
                        "b", List.of(page("0000000000000001-1767226200000", "erin", 5_000)),
                        "receiver page", List.of("{\"incidentId\":\"x-1\",\"engineer\":\"\"}"));

        List<AckPlan.Ack> acks = AckPlan.answering(pages, keys);

        assertThat(acks)
                .extracting(AckPlan.Ack::incidentId, AckPlan.Ack::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "f023f728c399bf69-1767226200669", 1_000 + AckPlan.AFTER_MS),
                        org.assertj.core.groups.Tuple.tuple(
                                "0000000000000001-1767226200000", 5_000 + AckPlan.AFTER_MS));
        SignedAck dave = SignedAck.read(JSON.readTree(acks.get(0).json()));
        assertThat(dave.text().engineer()).isEqualTo(keys.engineer("dave", 0).address());
        assertThat(AckSignature.fromHex(dave.signature()).recoverSigner(dave.text()))
                .isEqualTo(dave.text().engineer());
    }

    @Test
    void theRosterGetsTheGeneratedKeysAndTheAcksTopic() throws Exception {
        String shipped =
                Files.readString(
                        Path.of("..").resolve("streaming-job/config/pagerboy.yaml").normalize());

        String yaml = ChainOutage.withAcks(shipped, keys, "acks-r3");

        Matcher m =
                Pattern.compile("(?m)^\\s*- name: (\\w+)\\s*\\n\\s+address: \"(0x[0-9a-f]{40})\"")
                        .matcher(yaml);
        int engineers = 0;
        while (m.find()) {
            assertThat(m.group(2)).isEqualTo(keys.engineer(m.group(1), 0).address());
            engineers++;
        }
        assertThat(engineers).isGreaterThanOrEqualTo(6);
        assertThat(yaml).containsPattern("(?m)^[ \\t]+acks: acks-r3$");
        assertThat(yaml).contains("\nacks:\n  max_skew");
    }
}
