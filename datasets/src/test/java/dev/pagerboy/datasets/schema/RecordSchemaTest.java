package dev.pagerboy.datasets.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.SampleStreams;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.io.EnvelopeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void everyGeneratedValidRecordFollowsItsSchema(AlertFormat format) {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(GeneratorConfig.of(21, 10_000, format).withAcks(true));
        long acks = 0;
        while (generator.hasNext()) {
            Envelope e = generator.next();
            assertThat(RecordSchema.problem(e, format)).as(e.toJsonLine()).isNull();
            acks += e.topic().equals(Envelope.ACKS) ? 1 : 0;
        }
        assertThat(acks).isPositive();
    }

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void everyMalformedRecordBreaksItsSchema(AlertFormat format) throws Exception {
        GeneratorConfig clean = GeneratorConfig.of(22, 10_000, format);
        Iterator<Envelope> valid = new AlertStreamGenerator(clean);
        Iterator<Envelope> faulty = new AlertStreamGenerator(clean.withFaults(0.1, 0));
        int malformed = 0;
        while (valid.hasNext()) {
            Envelope good = valid.next();
            Envelope maybeBad = faulty.next();
            if (!maybeBad.payload().equals(good.payload())) {
                malformed++;
                assertThat(RecordSchema.problem(maybeBad, format))
                        .as(maybeBad.toJsonLine())
                        .isNotNull();
            } else {
                assertThat(RecordSchema.problem(maybeBad, format)).isNull();
            }
        }
        assertThat(malformed / 10_000.0).isBetween(0.085, 0.115);
    }

    @ParameterizedTest
    @EnumSource(
            value = AlertFormat.class,
            names = {"ALERTMANAGER", "PAGERDUTY"})
    void theShippedSamplesFollowTheirSchema(AlertFormat format) {
        List<Envelope> sample = EnvelopeReader.readAll(SampleStreams.file(projectRoot(), format));
        assertThat(sample).hasSizeGreaterThan(5_000);
        for (Envelope e : sample) {
            assertThat(RecordSchema.problem(e, format)).as(e.toJsonLine()).isNull();
        }
    }

    @Test
    void fieldsComeInTheDocumentedOrder() throws Exception {
        assertThat(fieldNames(first(AlertFormat.ALERTMANAGER, Envelope.ALERTS)))
                .containsExactly(
                        "version",
                        "groupKey",
                        "truncatedAlerts",
                        "status",
                        "receiver",
                        "groupLabels",
                        "commonLabels",
                        "commonAnnotations",
                        "externalURL",
                        "alerts");
        assertThat(
                        fieldNames(
                                first(AlertFormat.ALERTMANAGER, Envelope.ALERTS)
                                        .path("alerts")
                                        .get(0)))
                .containsExactly(
                        "status",
                        "labels",
                        "annotations",
                        "startsAt",
                        "endsAt",
                        "generatorURL",
                        "fingerprint");
        assertThat(fieldNames(first(AlertFormat.PAGERDUTY, Envelope.ALERTS)))
                .containsExactly("routing_key", "event_action", "dedup_key", "payload");
        assertThat(fieldNames(first(AlertFormat.PAGERDUTY, Envelope.ALERTS).path("payload")))
                .containsExactly(
                        "summary",
                        "source",
                        "severity",
                        "timestamp",
                        "component",
                        "group",
                        "class",
                        "custom_details");
        assertThat(fieldNames(first(AlertFormat.NATIVE, Envelope.ALERTS)))
                .containsExactly("version", "id", "status", "labels", "annotations", "startsAt");
        assertThat(fieldNames(first(AlertFormat.NATIVE, Envelope.ACKS)))
                .containsExactly(
                        "version",
                        "kind",
                        "incident",
                        "fingerprint",
                        "engineer",
                        "action",
                        "ackedAt",
                        "signature");
    }

    @Test
    void firingAlertmanagerAlertsEndAtGosZeroTime() throws Exception {
        JsonNode alert = first(AlertFormat.ALERTMANAGER, Envelope.ALERTS).path("alerts").get(0);
        assertThat(alert.path("status").asText()).isEqualTo("firing");
        assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    }

    private static JsonNode first(AlertFormat format, String topic) throws Exception {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(GeneratorConfig.of(1, 5_000, format).withAcks(true));
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (e.topic().equals(topic)) {
                return JSON.readTree(e.payload());
            }
        }
        throw new AssertionError("no " + topic + " record");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("pagerboy.root", "..")).toAbsolutePath().normalize();
    }
}
