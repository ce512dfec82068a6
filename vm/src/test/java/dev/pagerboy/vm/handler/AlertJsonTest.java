package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VM's alert files mean what the job reads: same readers, same fingerprint. */
class AlertJsonTest {

    @Test
    void fingerprintsLikeTheJob() {
        HandlerInput alert =
                AlertJson.parse(
                        "{\"labels\":{\"alertname\":\"HostDown\",\"emoji\":\"\\ud83d\\ude00\"},"
                                + "\"startsAt\":\"2026-11-28T12:00:00Z\"}");
        assertThat(alert.fingerprintHex())
                .isEqualTo(
                        Fingerprint.hex(
                                LabelSet.of("alertname", "HostDown", "emoji", "\ud83d\ude00")));
        assertThat(alert.status()).isEqualTo("firing");
    }

    /**
     * Names outside {@code [a-zA-Z_][a-zA-Z0-9_]*} are refused as Alertmanager 0.25's API refuses
     * them (the Go byte order of such names is tested on the fingerprint itself, in alerts/).
     */
    @Test
    void refusesLabelNamesAlertmanagerRefuses() {
        assertThatThrownBy(
                        () ->
                                AlertJson.parse(
                                        "{\"labels\":{\"\\ud83d\\ude00\":\"grin\",\"\\ufb01\":\"fi\"},"
                                                + "\"startsAt\":\"2026-11-28T12:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid label set: invalid name");
    }

    @Test
    void readsEveryWireFormatLikeTheJob() {
        List<HandlerInput> pd =
                AlertJson.parseLine(
                        "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"dedup_key\":\"d\","
                                + "\"payload\":{\"summary\":\"disk full\",\"source\":\"db-1\","
                                + "\"severity\":\"critical\",\"class\":\"DiskFull\"}}");
        assertThat(pd).hasSize(1);
        assertThat(pd.get(0).severity()).isEqualTo("critical");
        assertThat(pd.get(0).summary()).isEqualTo("disk full");
        List<HandlerInput> nativeAlert =
                AlertJson.parseLine(
                        "{\"version\":\"pagerboy/v1\",\"id\":\"e1\",\"status\":\"resolved\","
                                + "\"labels\":{\"alertname\":\"HostDown\"},"
                                + "\"startsAt\":\"2026-11-28T12:00:00Z\"}");
        assertThat(nativeAlert.get(0).alertname()).isEqualTo("HostDown");
        assertThat(nativeAlert.get(0).status()).isEqualTo("resolved");
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> AlertJson.parse("{\"startsAt\":\"2026-11-28T12:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels missing");
        assertThatThrownBy(
                        () -> AlertJson.parse("{\"labels\":{\"a\":\"b\"},\"startsAt\":\"noon\"}"))
                .hasMessage("startsAt invalid time \"noon\"");
        assertThatThrownBy(() -> AlertJson.parse("{\"labels\":{}}"))
                .hasMessageStartingWith("startsAt is required");
    }
}
