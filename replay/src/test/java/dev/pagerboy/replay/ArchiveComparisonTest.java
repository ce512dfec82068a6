package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.replay.ArchiveComparison.Change;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveComparisonTest {

    private static ArchiveRecord decision(
            ArchiveKind kind, String ref, String outcome, Object payload) {
        return ArchiveRecord.decision(kind.rowId(ref), kind, 1_000, "fp", outcome, payload);
    }

    @Test
    void identicalRowsInAnyOrderAreIdentical() {
        ArchiveRecord a = decision(ArchiveKind.DEDUP, "x", "new", "{}");
        ArchiveRecord b = decision(ArchiveKind.NOTIFICATION, "k", "oncall", "{\"n\":1}");

        ArchiveComparison c = ArchiveComparison.of(List.of(a, b), List.of(b, a));

        assertThat(c.identical()).isTrue();
        assertThat(c.rowsPerKind()).containsEntry("dedup", 1).containsEntry("notification", 1);
    }

    @Test
    void namesMissingExtraAndChangedRowsPerKind() {
        ArchiveRecord kept = decision(ArchiveKind.DEDUP, "x", "new", "{}");
        ArchiveRecord lost = decision(ArchiveKind.NOTIFICATION, "k1", "oncall", "{}");
        ArchiveRecord before =
                decision(ArchiveKind.HANDLER, "x", "ok", java.util.Map.of("cycles", 10));
        ArchiveRecord after =
                decision(ArchiveKind.HANDLER, "x", "ok", java.util.Map.of("cycles", 11));
        ArchiveRecord extra = decision(ArchiveKind.NOTIFICATION, "k2", "oncall", "{}");

        ArchiveComparison c =
                ArchiveComparison.of(List.of(kept, lost, before), List.of(kept, after, extra));

        assertThat(c.identical()).isFalse();
        assertThat(c.differences())
                .extracting(d -> d.kind() + " " + d.id() + " " + d.change())
                .containsExactly(
                        "handler handler:x " + Change.CHANGED,
                        "notification notification:k1 " + Change.MISSING_IN_REPLAY,
                        "notification notification:k2 " + Change.ONLY_IN_REPLAY);
        assertThat(c.differencesPerKind())
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(java.util.Map.of("handler", 1, "notification", 2)));
        assertThat(c.differences().get(0).describe())
                .contains("\"cycles\":10")
                .contains("\"cycles\":11");
    }

    @Test
    void rowsTheChainMadeAreNotComparedSinceReplayDoesNotAnchor() {
        ArchiveRecord verdict = decision(ArchiveKind.ACK, "acks/0/1", "accepted", "{}");
        ArchiveRecord receipt = decision(ArchiveKind.ACK_RECEIPT, "0xabc", "anchored", "{}");
        ArchiveRecord root = decision(ArchiveKind.ARCHIVE_ROOT, "2026-12-06T10", "anchored", "{}");

        ArchiveComparison c =
                ArchiveComparison.of(List.of(verdict, receipt, root), List.of(verdict));

        assertThat(c.identical()).isTrue();
        assertThat(c.rowsPerKind()).containsOnlyKeys("ack");
    }
}
