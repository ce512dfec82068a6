package dev.pagerboy.alerts.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming fast path gives what the tree readers give, or declines: for each record, either
 * {@link StreamingAlertReader} answers null, or it answers exactly the tree reader's alerts (ids,
 * labels, times, format). Valid Alertmanager and native records, in any key order, must take the
 * fast path; invalid ones must not.
 */
class StreamingAlertReaderTest {

    private static final long SENT = Instant.parse("2026-11-28T12:31:00Z").toEpochMilli();

    private static final String ALERT =
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HostDown\",\"instance\":\"db-1\","
                    + "\"empty\":\"\",\"note\":\"\\u00e9 \\ud83d\\ude00 \\\"q\\\"\"},"
                    + "\"annotations\":{\"summary\":\"down\\nline 2\"},"
                    + "\"startsAt\":\"2026-11-28T12:00:00.25+01:00\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                    + "\"generatorURL\":\"http://p/graph?g0.expr=up\\u0026x=1\","
                    + "\"fingerprint\":\"0123456789abcdef\",\"extra\":{\"b\":[1,true,null,\"s\"],\"a\":-0}}";

    /** Valid records that must take the fast path and equal the tree's reading. */
    static Stream<String> valid() {
        return Stream.of(
                webhook(ALERT),
                // real Alertmanager writes version and groupKey after the alerts
                "{\"receiver\":\"r\",\"status\":\"firing\",\"alerts\":["
                        + ALERT
                        + ","
                        + ALERT.replace("firing", "resolved")
                                .replace("\"0001-01-01T00:00:00Z\"", "1795867200000")
                        + "],\"groupLabels\":{},\"commonLabels\":{\"a\":\"b\"},"
                        + "\"version\":\"4\",\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}",
                webhook(
                        ALERT.replace(
                                "\"annotations\":{\"summary\":\"down\\nline 2\"}",
                                "\"annotations\":null")),
                webhook(ALERT.replace(",\"endsAt\":\"0001-01-01T00:00:00Z\"", "")),
                webhook(
                        ALERT.replace(
                                "\"startsAt\":\"2026-11-28T12:00:00.25+01:00\"",
                                "\"startsAt\":1764331200000")),
                "{\"version\":\"pagerboy/v1\",\"id\":\"n-1\",\"status\":\"resolved\","
                        + "\"labels\":{\"alertname\":\"X\",\"team\":\"db\"},"
                        + "\"startsAt\":\"2026-11-28T12:00:00Z\",\"endsAt\":\"2026-11-28T12:30:00Z\"}",
                "{\"id\":\"n-2\",\"labels\":{\"alertname\":\"X\"},\"version\":\"pagerboy/v1\","
                        + "\"status\":\"firing\",\"startsAt\":1764331200000,\"endsAt\":null}",
                render(AlertFormat.ALERTMANAGER),
                render(AlertFormat.NATIVE));
    }

    /** Records the fast path must leave to the tree readers, whatever they answer. */
    static Stream<String> declined() {
        return Stream.of(
                "",
                "   ",
                "[1]",
                "{\"a\":",
                webhook(ALERT) + " {}",
                webhook(ALERT.replace("\"status\":\"firing\"", "\"status\":\"pending\"")),
                webhook(ALERT.replace("\"status\":\"firing\"", "\"status\":7")),
                webhook(ALERT.replace("\"instance\":\"db-1\"", "\"instance\":1")),
                webhook(ALERT.replace("\"instance\":\"db-1\"", "\"in-stance\":\"db-1\"")),
                webhook(ALERT.replace("\"summary\"", "\"sum-mary\"")),
                webhook(ALERT.replace("\"a\":-0", "\"a\":1.5")),
                webhook(ALERT.replace("\"a\":-0", "\"a\":1,\"a\":2")),
                webhook(ALERT.replace("2026-11-28T12:00:00.25+01:00", "9999-12-31T23:59:59Z")),
                webhook(ALERT.replace("2026-11-28T12:00:00.25+01:00", "0001-01-01T00:00:01Z")),
                webhook(ALERT.replace("2026-11-28T12:00:00.25+01:00", "yesterday")),
                webhook(
                        ALERT.replace(
                                "\"instance\":\"db-1\"",
                                "\"instance\":\"" + "x".repeat(5000) + "\"")),
                webhook(ALERT.replace("\"startsAt\":\"2026-11-28T12:00:00.25+01:00\",", "")),
                webhook(ALERT.replace("\"0001-01-01T00:00:00Z\"", "\"2020-01-01T00:00:00Z\"")),
                "{\"version\":\"4\",\"alerts\":[]}",
                "{\"version\":\"4\",\"alerts\":[null]}",
                "{\"version\":\"3\",\"alerts\":[" + ALERT + "]}",
                "{\"version\":\"pagerboy/v1\",\"id\":\" \",\"status\":\"firing\","
                        + "\"labels\":{\"alertname\":\"X\"},\"startsAt\":1}",
                render(AlertFormat.PAGERDUTY));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validRecordsTakeTheFastPathAndReadAsTheTreeDoes(String record) throws Exception {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        ReadAlerts streamed = StreamingAlertReader.read(bytes, SENT);
        assertThat(streamed).as("fast path for " + record).isNotNull();
        assertThat(streamed).isEqualTo(AlertReader.read(JsonFields.parse(bytes), SENT));
    }

    @ParameterizedTest
    @MethodSource("declined")
    void invalidOrPagerDutyRecordsAreLeftToTheTreeReaders(String record) {
        assertThat(StreamingAlertReader.read(record.getBytes(StandardCharsets.UTF_8), SENT))
                .as(record)
                .isNull();
    }

    @Test
    void overLimitRecordsAreDeadLettersNamingTheLimit() {
        String big =
                webhook(
                        ALERT.replace(
                                "\"instance\":\"db-1\"",
                                "\"instance\":\"" + "x".repeat(5000) + "\""));
        assertReason(
                big,
                "alertmanager: alerts[0].labels.instance: 5000 characters, longer than the limit of 4096");
        StringBuilder many = new StringBuilder("\"alertname\":\"X\"");
        for (int i = 0; i < 300; i++) {
            many.append(",\"l").append(i).append("\":\"v\"");
        }
        assertReason(
                webhook(
                        ALERT.replace(
                                "\"alertname\":\"HostDown\",\"instance\":\"db-1\"",
                                many.toString())),
                "alertmanager: alerts[0].labels: 302 labels, more than the limit of 256");
        assertReason(
                webhook(ALERT.replace("2026-11-28T12:00:00.25+01:00", "9999-12-31T23:59:59Z")),
                "alertmanager: alerts[0].startsAt 9999-12-31T23:59:59Z is outside"
                        + " 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z");
        assertReason(
                webhook(ALERT.replace("2026-11-28T12:00:00.25+01:00", "0001-01-01T00:00:01Z")),
                "alertmanager: alerts[0].startsAt 0001-01-01T00:00:01Z is outside"
                        + " 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z");
    }

    private static void assertReason(String record, String reason) {
        try {
            AlertReader.read(record.getBytes(StandardCharsets.UTF_8), SENT);
            throw new AssertionError("accepted: " + record.substring(0, 80));
        } catch (InvalidRecord e) {
            assertThat(e.getMessage()).isEqualTo(reason);
        }
    }

    private static String webhook(String alert) {
        return "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alert + "]}";
    }

    private static String render(AlertFormat format) {
        return format.render(
                AlertEvent.of(
                        "evt-1",
                        AlertStatus.FIRING,
                        LabelSet.of("alertname", "HostDown", "team", "db", "severity", "critical"),
                        LabelSet.of("summary", "db-1 is down"),
                        SENT - 60_000,
                        AlertEvent.NOT_ENDED,
                        SENT),
                new Rfc3339());
    }
}
