package dev.pagerboy.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.routing.AlertmanagerGolden;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every label set of the golden files, sent as PagerBoy native input and as an Alertmanager
 * webhook, must come out as Alertmanager 0.25's API made it: the same stored labels and
 * fingerprint, or a dead letter with the same reason as its HTTP 400. The JSON carries non-ASCII as
 * {@code \\u} escapes, as the recorder sent it, so lone surrogates arrive as they do on the wire.
 */
class AlertmanagerLabelsGoldenTest {

    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @TestFactory
    Stream<DynamicTest> cleansLabelsAsAlertmanagersApi() {
        JsonNode inputs = AlertmanagerGolden.read("inputs/labelsets.json");
        JsonNode golden = AlertmanagerGolden.read("fingerprints.json").get("cases");
        return Stream.of("native", "alertmanager")
                .map(
                        format ->
                                DynamicTest.dynamicTest(
                                        format,
                                        () -> {
                                            List<String> wrong = new ArrayList<>();
                                            for (int i = 0; i < inputs.size(); i++) {
                                                String problem =
                                                        compare(
                                                                format,
                                                                inputs.get(i).get("labels"),
                                                                golden.get(i));
                                                if (problem != null) {
                                                    wrong.add(
                                                            inputs.get(i).get("id").asText()
                                                                    + ": "
                                                                    + problem);
                                                }
                                            }
                                            assertThat(inputs.size()).isGreaterThanOrEqualTo(300);
                                            assertThat(wrong).isEmpty();
                                        }));
    }

    @TestFactory
    Stream<DynamicTest> replacesInvalidUtf8AsGosJsonDecoder() {
        JsonNode inputs = AlertmanagerGolden.read("inputs/invalid-utf8.json");
        JsonNode golden = AlertmanagerGolden.read("invalid-utf8.json").get("cases");
        return Stream.of("native", "alertmanager")
                .map(
                        format ->
                                DynamicTest.dynamicTest(
                                        format,
                                        () -> {
                                            List<String> wrong = new ArrayList<>();
                                            for (int i = 0; i < inputs.size(); i++) {
                                                JsonNode in = inputs.get(i);
                                                byte[] name =
                                                        in.has("name_hex")
                                                                ? HexFormat.of()
                                                                        .parseHex(
                                                                                in.get("name_hex")
                                                                                        .asText())
                                                                : in.get("name")
                                                                        .asText()
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .US_ASCII);
                                                byte[] value =
                                                        HexFormat.of()
                                                                .parseHex(
                                                                        in.get("value_hex")
                                                                                .asText());
                                                String problem =
                                                        compare(
                                                                rawRecord(format, name, value),
                                                                golden.get(i));
                                                if (problem != null) {
                                                    wrong.add(
                                                            in.get("id").asText() + ": " + problem);
                                                }
                                            }
                                            assertThat(inputs.size()).isGreaterThanOrEqualTo(10);
                                            assertThat(wrong).isEmpty();
                                        }));
    }

    @TestFactory
    Stream<DynamicTest> checksAnnotationNamesAsAlertmanagersApi() {
        JsonNode inputs = AlertmanagerGolden.read("inputs/annotations.json");
        JsonNode golden = AlertmanagerGolden.read("annotations.json").get("cases");
        return Stream.of("native", "alertmanager")
                .map(
                        format ->
                                DynamicTest.dynamicTest(
                                        format,
                                        () -> {
                                            List<String> wrong = new ArrayList<>();
                                            for (int i = 0; i < inputs.size(); i++) {
                                                JsonNode in = inputs.get(i);
                                                ParseResult result =
                                                        new AlertParser()
                                                                .parse(
                                                                        record(
                                                                                format,
                                                                                in.get("labels"),
                                                                                in.get(
                                                                                        "annotations")));
                                                JsonNode want = golden.get(i);
                                                boolean accepted = want.get("accepted").asBoolean();
                                                String got =
                                                        result.isDeadLetter()
                                                                ? result.deadLetter().reason()
                                                                : null;
                                                boolean same =
                                                        accepted
                                                                ? got == null
                                                                : got != null
                                                                        && got.endsWith(
                                                                                ": "
                                                                                        + want.get(
                                                                                                        "reason")
                                                                                                .asText());
                                                if (!same) {
                                                    wrong.add(
                                                            in.get("id").asText()
                                                                    + ": Alertmanager "
                                                                    + want
                                                                    + ", PagerBoy "
                                                                    + got);
                                                }
                                            }
                                            assertThat(wrong).isEmpty();
                                        }));
    }

    /** A record whose one label's name and value are raw bytes, as the recorder sent them. */
    private static RawInput rawRecord(String format, byte[] name, byte[] value) {
        String alert =
                "{\"status\":\"firing\",\"startsAt\":\"2026-12-01T00:00:00Z\","
                        + "\"labels\":{\"alertname\":\"Utf8Case\",\"\u0000\":\"\u0001\"}}";
        String text =
                format.equals("native")
                        ? alert.replace(
                                "{\"status\"",
                                "{\"version\":\"pagerboy/v1\",\"id\":\"g\",\"status\"")
                        : "{\"version\":\"4\",\"alerts\":[" + alert + "]}";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        bytes = splice(bytes, (byte) 0, name);
        bytes = splice(bytes, (byte) 1, value);
        return new RawInput("alerts", 0, 0, 1_700_000_000_000L, null, bytes);
    }

    private static byte[] splice(byte[] bytes, byte marker, byte[] insert) {
        int at = 0;
        while (bytes[at] != marker) {
            at++;
        }
        byte[] out = new byte[bytes.length - 1 + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + 1, out, at + insert.length, bytes.length - at - 1);
        return out;
    }

    private static String compare(String format, JsonNode labels, JsonNode expected)
            throws Exception {
        return compare(record(format, labels), expected);
    }

    private static String compare(RawInput input, JsonNode expected) {
        ParseResult result = new AlertParser().parse(input);
        if (!expected.get("accepted").asBoolean()) {
            String reason = expected.get("reason").asText();
            if (!result.isDeadLetter()) {
                return "Alertmanager rejects (" + reason + "), PagerBoy accepts";
            }
            String got = result.deadLetter().reason();
            return got.endsWith(": " + reason)
                    ? null
                    : "Alertmanager rejects (" + reason + "), PagerBoy says " + got;
        }
        if (result.isDeadLetter()) {
            return "Alertmanager accepts, PagerBoy rejects: " + result.deadLetter().reason();
        }
        Alert alert = result.alerts().get(0);
        Map<String, String> want = AlertmanagerGolden.labels(expected.get("labels"));
        if (!alert.labels().equals(want)) {
            return "labels: Alertmanager " + want + ", PagerBoy " + alert.labels();
        }
        String fingerprint = expected.get("fingerprint").asText();
        return alert.fingerprint().equals(fingerprint)
                ? null
                : "fingerprint: Alertmanager " + fingerprint + ", PagerBoy " + alert.fingerprint();
    }

    private static RawInput record(String format, JsonNode labels) throws Exception {
        return record(format, labels, null);
    }

    private static RawInput record(String format, JsonNode labels, JsonNode annotations)
            throws Exception {
        ObjectNode alert = ESCAPING.createObjectNode();
        alert.put("status", "firing");
        alert.set("labels", labels);
        if (annotations != null) {
            alert.set("annotations", annotations);
        }
        alert.put("startsAt", "2026-12-01T00:00:00Z");
        ObjectNode root;
        if (format.equals("native")) {
            root = alert;
            root.put("version", "pagerboy/v1");
            root.put("id", "golden");
        } else {
            root = ESCAPING.createObjectNode();
            root.put("version", "4");
            root.putArray("alerts").add(alert);
        }
        byte[] bytes = ESCAPING.writeValueAsString(root).getBytes(StandardCharsets.US_ASCII);
        return new RawInput("alerts", 0, 0, 1_700_000_000_000L, null, bytes);
    }
}
