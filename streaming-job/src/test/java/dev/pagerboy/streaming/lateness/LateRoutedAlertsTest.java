package dev.pagerboy.streaming.lateness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RoutedAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the group stage files a routed alert, live and in replay, and what it records. */
class LateRoutedAlertsTest {

    static final long AT = 1_000_000L;

    private final List<ArchiveRecord> archived = new ArrayList<>();

    static RoutedAlert routed(long eventTime) {
        return new RoutedAlert(
                "{}/0",
                "{}:{alertname=\"HostDown\"}",
                new NotifiedAlert(
                        "fp-1",
                        "firing",
                        "critical",
                        "host down",
                        "",
                        Map.of("alertname", "HostDown"),
                        eventTime,
                        0),
                eventTime,
                "alerts/0/42",
                "fp-1@" + eventTime);
    }

    @Test
    void anAlertAheadOfTheWatermarkKeepsItsTimeAndNothingIsRecorded() {
        RoutedAlert alert = routed(AT);

        assertThat(LateRoutedAlerts.NONE.applyAt(alert, AT - 1, archived::add)).isSameAs(alert);
        assertThat(archived).isEmpty();
    }

    @Test
    void aLateAlertIsFiledJustAfterTheWatermarkAndThatTimeIsArchived() {
        RoutedAlert alert = routed(AT);

        RoutedAlert filed = LateRoutedAlerts.NONE.applyAt(alert, AT + 500, archived::add);

        assertThat(filed.eventTime()).isEqualTo(AT + 501);
        assertThat(filed.alert()).isEqualTo(alert.alert());
        assertThat(filed.sourceRef()).isEqualTo(alert.sourceRef());
        assertThat(archived).hasSize(1);
        ArchiveRecord row = archived.get(0);
        assertThat(row.kind()).isEqualTo(ArchiveKind.LATE_INPUT);
        assertThat(row.outcome()).isEqualTo(LateRoutedAlerts.STAGE);
        assertThat(row.eventTime()).isEqualTo(AT);
        assertThat(row.key()).isEqualTo(LateRoutedAlerts.key(alert));
        assertThat(row.payloadJson()).contains("\"appliedAt\":" + (AT + 501));
    }

    @Test
    void replayFilesTheAlertAtTheRecordedTimeWithoutRecordingItAgain() {
        RoutedAlert alert = routed(AT);
        LateRoutedAlerts recorded =
                LateRoutedAlerts.recorded(Map.of(LateRoutedAlerts.key(alert), AT + 501));

        // Replay's group stage is not behind: the alert still goes where the live job put it.
        RoutedAlert filed = recorded.applyAt(alert, AT - 1, archived::add);

        assertThat(filed.eventTime()).isEqualTo(AT + 501);
        assertThat(archived).isEmpty();
    }

    @Test
    void aReplayThatIsBehindTooRecordsItsOwnTime() {
        RoutedAlert alert = routed(AT);
        LateRoutedAlerts recorded =
                LateRoutedAlerts.recorded(Map.of(LateRoutedAlerts.key(alert), AT + 501));

        RoutedAlert filed = recorded.applyAt(alert, AT + 900, archived::add);

        assertThat(filed.eventTime()).isEqualTo(AT + 901);
        assertThat(archived).hasSize(1);
    }

    @Test
    void onceEventTimeHasEndedAnAlertKeepsItsTime() {
        RoutedAlert alert = routed(AT);

        assertThat(LateRoutedAlerts.NONE.applyAt(alert, Long.MAX_VALUE, archived::add))
                .isSameAs(alert);
        assertThat(archived).isEmpty();
    }

    @Test
    void theKeyNamesRecordRouteTimeAndStatus() {
        assertThat(LateRoutedAlerts.key(routed(AT)))
                .isEqualTo("alerts/0/42|{}/0|" + AT + "|firing");
    }
}
