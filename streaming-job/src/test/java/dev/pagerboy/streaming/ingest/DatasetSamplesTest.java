package dev.pagerboy.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.alerts.format.JsonFields;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.gen.MalformedRecords;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parsers against what the datasets module really produces: the shipped samples (every record
 * must parse; Alertmanager's own {@code fingerprint} field must equal ours) and the seeded
 * generator in all three formats, plus every kind of malformed record it can inject. The generator
 * and the converter key every record by the fingerprint they computed; the job must compute the
 * same one from what it reads, for every record (for PagerDuty, whose identity is {@code
 * {dedup_key, routing_key}}, the generator's fingerprint travels as the dedup key).
 */
class DatasetSamplesTest {

    private final AlertParser parser = new AlertParser();

    private static Path samples() {
        String root = System.getProperty("pagerboy.root");
        return (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                .resolve("datasets/samples");
    }

    private static RawInput raw(Envelope e, long offset) {
        return new RawInput(e.topic(), 0, offset, e.ts(), e.keyBytes(), e.value());
    }

    @Test
    void everyShippedAlertmanagerRecordParsesWithAlertmanagersFingerprint() throws Exception {
        List<Envelope> records =
                EnvelopeReader.readAll(samples().resolve("pcic2021-3w.alertmanager.jsonl.gz"));
        assertThat(records).hasSizeGreaterThan(1000);
        long offset = 0;
        int alerts = 0;
        for (Envelope e : records) {
            ParseResult result = parser.parse(raw(e, offset++));
            assertThat(result.deadLetter()).as(e.payload()).isNull();
            List<JsonNode> sent = new java.util.ArrayList<>();
            JsonFields.MAPPER.readTree(e.payload()).get("alerts").forEach(sent::add);
            assertThat(result.alerts()).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                Alert alert = result.alerts().get(i);
                assertThat(alert.fingerprint()).isEqualTo(sent.get(i).get("fingerprint").asText());
                assertThat(alert.fingerprint()).as("the converter's key").isEqualTo(e.key());
                assertThat(alert.eventTime()).isEqualTo(e.ts());
                alerts++;
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(records.size());
    }

    @Test
    void everyShippedPagerDutyRecordParsesAndResolvesMatchTheirTriggers() {
        List<Envelope> records =
                EnvelopeReader.readAll(samples().resolve("pcic2021-3w.pagerduty.jsonl.gz"));
        Map<String, String> firingByDedupKey = new HashMap<>();
        int resolvedMatched = 0;
        long offset = 0;
        for (Envelope e : records) {
            ParseResult result = parser.parse(raw(e, offset++));
            assertThat(result.deadLetter()).as(e.payload()).isNull();
            Alert alert = result.alerts().get(0);
            String dedupKey = alert.labels().get("dedup_key");
            assertThat(dedupKey).as("the converter's key").isEqualTo(e.key());
            assertThat(alert.fingerprint())
                    .isEqualTo(
                            Fingerprint.hex(
                                    LabelSet.of(
                                            "dedup_key",
                                            e.key(),
                                            "routing_key",
                                            alert.labels().get("routing_key"))));
            if (alert.isFiring()) {
                firingByDedupKey.put(dedupKey, alert.fingerprint());
            } else if (firingByDedupKey.containsKey(dedupKey)) {
                assertThat(alert.fingerprint()).isEqualTo(firingByDedupKey.get(dedupKey));
                resolvedMatched++;
            }
        }
        assertThat(resolvedMatched).isGreaterThan(100);
    }

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void generatedStreamsParseInEveryFormat(AlertFormat format) {
        AlertStreamGenerator gen = new AlertStreamGenerator(GeneratorConfig.of(7L, 500, format));
        long offset = 0;
        int parsed = 0;
        while (gen.hasNext()) {
            Envelope e = gen.next();
            if (!Envelope.ALERTS.equals(e.topic())) {
                continue;
            }
            ParseResult result = parser.parse(raw(e, offset++));
            assertThat(result.deadLetter()).as(e.payload()).isNull();
            Alert alert = result.alerts().get(0);
            assertThat(alert.format()).isEqualTo(expectedName(format));
            String generated =
                    format == AlertFormat.PAGERDUTY
                            ? alert.labels().get("dedup_key")
                            : alert.fingerprint();
            assertThat(generated).as("the generator's fingerprint").isEqualTo(e.key());
            parsed++;
        }
        assertThat(parsed).isEqualTo(500);
    }

    @ParameterizedTest
    @EnumSource(MalformedRecords.class)
    void everyKindOfInjectedMalformedRecordBecomesADeadLetter(MalformedRecords kind) {
        for (AlertFormat format : AlertFormat.values()) {
            AlertStreamGenerator gen =
                    new AlertStreamGenerator(GeneratorConfig.of(11L, 50, format));
            long offset = 0;
            while (gen.hasNext()) {
                Envelope e = gen.next();
                if (!Envelope.ALERTS.equals(e.topic())) {
                    continue;
                }
                String bad = kind.corrupt(e.payload());
                RawInput raw =
                        new RawInput(
                                "alerts",
                                0,
                                offset++,
                                e.ts(),
                                null,
                                bad.getBytes(StandardCharsets.UTF_8));
                ParseResult result = parser.parse(raw);
                assertThat(result.isDeadLetter()).as(format + " " + kind + ": " + bad).isTrue();
                assertThat(result.deadLetter().reason())
                        .startsWith(expectedReasonStart(kind, format));
            }
        }
    }

    private static String expectedName(AlertFormat format) {
        return switch (format) {
            case ALERTMANAGER -> "alertmanager";
            case PAGERDUTY -> "pagerduty";
            case NATIVE -> "native";
        };
    }

    private static String expectedReasonStart(MalformedRecords kind, AlertFormat format) {
        return switch (kind) {
            case TRUNCATED, NOT_JSON -> "invalid JSON at line 1 column ";
            case EMPTY_OBJECT, UNKNOWN_VERSION ->
                    format == AlertFormat.PAGERDUTY && kind == MalformedRecords.UNKNOWN_VERSION
                            ? "pagerduty: event_action must be trigger, acknowledge or resolve"
                            : "unknown format: ";
            case BAD_TIME -> expectedName(format) + ": ";
        };
    }
}
