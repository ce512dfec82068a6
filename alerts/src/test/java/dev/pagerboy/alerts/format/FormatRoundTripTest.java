package dev.pagerboy.alerts.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each format's writer and reader agree: what is written is read back as the same alert. */
class FormatRoundTripTest {

    private static final long STARTS = Instant.parse("2026-11-28T12:00:00.25Z").toEpochMilli();
    private static final long ENDS = Instant.parse("2026-11-28T12:30:00Z").toEpochMilli();
    private static final long SENT = ENDS + 1_000;
    private static final LabelSet LABELS =
            LabelSet.of(
                    "alertname", "HostDown",
                    "instance", "db-1",
                    "service", "postgres",
                    "severity", "critical",
                    "team", "dbre",
                    "note", "<quoted> & \"escaped\" \uFB01 \uD83D\uDE00");
    private static final LabelSet ANNOTATIONS = LabelSet.of("summary", "db-1 is down\nline 2");

    private static AlertEvent event(AlertStatus status) {
        return AlertEvent.of(
                "evt-1",
                status,
                LABELS,
                ANNOTATIONS,
                STARTS,
                status == AlertStatus.RESOLVED ? ENDS : AlertEvent.NOT_ENDED,
                SENT);
    }

    private static ReadAlerts roundTrip(AlertFormat format, AlertEvent event) throws Exception {
        String text = format.render(event, new Rfc3339());
        return AlertReader.read(text.getBytes(StandardCharsets.UTF_8), SENT);
    }

    @ParameterizedTest
    @EnumSource(
            value = AlertFormat.class,
            names = {"ALERTMANAGER", "NATIVE"})
    void alertmanagerAndNativeKeepEverything(AlertFormat format) throws Exception {
        for (AlertStatus status : new AlertStatus[] {AlertStatus.FIRING, AlertStatus.RESOLVED}) {
            AlertEvent sent = event(status);
            ReadAlerts read = roundTrip(format, sent);
            assertThat(read.format()).isEqualTo(format);
            assertThat(read.alerts()).hasSize(1);
            AlertEvent back = read.alerts().get(0);
            assertThat(back.status()).isEqualTo(status);
            assertThat(back.labels()).isEqualTo(LABELS);
            assertThat(back.annotations()).isEqualTo(ANNOTATIONS);
            assertThat(back.startsAtMs()).isEqualTo(STARTS);
            assertThat(back.endsAtMs()).isEqualTo(sent.endsAtMs());
            assertThat(back.sendTimeMs()).isEqualTo(SENT);
            assertThat(back.fingerprint()).isEqualTo(sent.fingerprint());
        }
    }

    @Test
    void nativeIdsNameTheSendersEvent() throws Exception {
        assertThat(roundTrip(AlertFormat.NATIVE, event(AlertStatus.FIRING)).alerts().get(0).id())
                .isEqualTo("native:evt-1");
    }

    @Test
    void alertmanagerCarriesItsOwnFingerprintFieldEqualToOurs() throws Exception {
        String text = AlertFormat.ALERTMANAGER.render(event(AlertStatus.FIRING), new Rfc3339());
        assertThat(
                        JsonFields.MAPPER
                                .readTree(text)
                                .get("alerts")
                                .get(0)
                                .get("fingerprint")
                                .asText())
                .isEqualTo(Fingerprint.hex(LABELS));
    }

    @Test
    void pagerDutyKeepsTheFingerprintAsDedupKeyAndMapsLabels() throws Exception {
        AlertEvent firing = event(AlertStatus.FIRING);
        AlertEvent back = roundTrip(AlertFormat.PAGERDUTY, firing).alerts().get(0);
        assertThat(back.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(back.labels().get("dedup_key")).isEqualTo(firing.fingerprint());
        assertThat(back.labels().get("source")).isEqualTo("db-1");
        assertThat(back.labels().get("component")).isEqualTo("postgres");
        assertThat(back.labels().get("group")).isEqualTo("dbre");
        assertThat(back.labels().get("class")).isEqualTo("HostDown");
        assertThat(back.labels().get("severity")).isEqualTo("critical");
        assertThat(back.annotations().get("summary")).isEqualTo("db-1 is down\nline 2");
        assertThat(back.startsAtMs()).isEqualTo(STARTS);
        // Identity is {dedup_key, routing_key}: the resolve finds the trigger's fingerprint.
        String routingKey = back.labels().get("routing_key");
        assertThat(back.fingerprint())
                .isEqualTo(
                        Fingerprint.hex(
                                LabelSet.of(
                                        "dedup_key",
                                        firing.fingerprint(),
                                        "routing_key",
                                        routingKey)));
        AlertEvent resolved =
                roundTrip(AlertFormat.PAGERDUTY, event(AlertStatus.RESOLVED)).alerts().get(0);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.fingerprint()).isEqualTo(back.fingerprint());
        assertThat(resolved.endsAtMs()).isEqualTo(SENT);
    }

    @Test
    void pagerDutyAcknowledgesRoundTripAndTheOtherFormatsRefuseThem() throws Exception {
        AlertEvent ack =
                AlertEvent.of(
                        "evt-2",
                        AlertStatus.ACKNOWLEDGED,
                        LABELS,
                        ANNOTATIONS,
                        STARTS,
                        AlertEvent.NOT_ENDED,
                        SENT);
        AlertEvent back = roundTrip(AlertFormat.PAGERDUTY, ack).alerts().get(0);
        assertThat(back.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(back.fingerprint())
                .isEqualTo(
                        roundTrip(AlertFormat.PAGERDUTY, event(AlertStatus.FIRING))
                                .alerts()
                                .get(0)
                                .fingerprint());
        assertThatThrownBy(() -> AlertFormat.ALERTMANAGER.render(ack, new Rfc3339()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertFormat.NATIVE.render(ack, new Rfc3339()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWebhookWithSeveralAlertsGivesThemInOrder() throws Exception {
        String two =
                "{\"version\":\"4\",\"alerts\":["
                        + "{\"status\":\"firing\",\"labels\":{\"a\":\"1\"},\"startsAt\":\"2026-11-28T12:00:00Z\"},"
                        + "{\"status\":\"resolved\",\"labels\":{\"a\":\"2\"},\"startsAt\":\"2026-11-28T12:00:00Z\","
                        + "\"endsAt\":\"0001-01-01T00:00:00Z\"}]}";
        ReadAlerts read = AlertReader.read(two.getBytes(StandardCharsets.UTF_8), SENT);
        assertThat(read.alerts()).extracting(a -> a.labels().get("a")).containsExactly("1", "2");
        assertThat(read.alerts().get(0).hasEndsAt()).isFalse();
        assertThat(read.alerts().get(1).endsAtMs()).isEqualTo(SENT);
        assertThat(read.alerts().get(0).id()).isNotEqualTo(read.alerts().get(1).id());
    }

    @Test
    void badRecordsNameTheFieldAfterTheFormat() {
        assertThatThrownBy(
                        () ->
                                AlertReader.read(
                                        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\"}]}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        SENT))
                .isInstanceOf(InvalidRecord.class)
                .hasMessage("alertmanager: alerts[0].labels missing");
        assertThatThrownBy(() -> AlertReader.read("[1]".getBytes(StandardCharsets.UTF_8), SENT))
                .hasMessage("unknown format: expected a JSON object, got an array");
        assertThatThrownBy(() -> AlertReader.read("{\"a\":".getBytes(StandardCharsets.UTF_8), SENT))
                .hasMessageStartingWith("invalid JSON at line 1 column ");
    }
}
