package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveKindTest {

    @Test
    void storesTheTextsArchivesHaveAlwaysHeld() {
        assertThat(Arrays.stream(ArchiveKind.values()).map(ArchiveKind::text))
                .containsExactly(
                        "alert_raw",
                        "alert",
                        "tick",
                        "silence",
                        "dedup",
                        "handler",
                        "route",
                        "flush",
                        "notification",
                        "dead_letter",
                        "decision",
                        "mute",
                        "incident",
                        "ack_raw",
                        "ack",
                        "ack_receipt",
                        "archive_root",
                        "receipt_raw",
                        "late_input");
    }

    @Test
    void readsEveryStoredTextBack() {
        for (ArchiveKind kind : ArchiveKind.values()) {
            assertThat(ArchiveKind.fromText(kind.text())).isEqualTo(kind);
        }
    }

    @Test
    void versionTwoNoLongerWritesThePerStageRowsButVersionOneDid() {
        for (ArchiveKind legacy :
                List.of(
                        ArchiveKind.ALERT,
                        ArchiveKind.DEDUP,
                        ArchiveKind.HANDLER,
                        ArchiveKind.ROUTE,
                        ArchiveKind.FLUSH)) {
            assertThat(legacy.writtenInVersion(1)).isTrue();
            assertThat(legacy.writtenInVersion(2)).isFalse();
        }
        assertThat(ArchiveKind.DECISION.writtenInVersion(1)).isFalse();
        assertThat(ArchiveKind.MUTE.writtenInVersion(2)).isTrue();
        assertThat(ArchiveKind.ALERT_RAW.writtenInVersion(2)).isTrue();
    }

    @Test
    void rowIdsStartWithTheStoredText() {
        assertThat(ArchiveKind.ALERT_RAW.rowId("alerts/0/7")).isEqualTo("alert_raw:alerts/0/7");
    }

    @Test
    void refusesATextNoArchiveWroteAndNamesTheKnownOnes() {
        assertThatThrownBy(() -> ArchiveKind.fromText("ALERT_RAW"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ALERT_RAW'")
                .hasMessageContaining("alert_raw, alert, tick");
    }
}
