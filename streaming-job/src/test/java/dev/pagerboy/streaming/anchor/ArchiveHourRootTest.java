package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArchiveHourRootTest {

    static final long HOUR = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    @Test
    void theRootDependsOnTheRowsNotOnTheirOrderOrFiles() {
        List<ArchiveRecord> rows = rows(50);
        List<ArchiveRecord> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));

        ArchiveHourRoot a = ArchiveHourRoot.of(HOUR, 0, rows);
        ArchiveHourRoot b = ArchiveHourRoot.of(HOUR, 0, shuffled);

        assertThat(b).isEqualTo(a);
        assertThat(a.rowCount()).isEqualTo(50);
        assertThat(a.toAnchor().root()).isEqualTo(a.root());
        assertThat(a.batchId()).isNotEqualTo(ArchiveHourRoot.of(HOUR, 1, rows).batchId());
    }

    @Test
    void anEditADeletionOrAnInsertionChangesTheRoot() {
        List<ArchiveRecord> rows = rows(20);
        ArchiveHourRoot original = ArchiveHourRoot.of(HOUR, 0, rows);

        List<ArchiveRecord> edited = new ArrayList<>(rows);
        ArchiveRecord r = edited.get(7);
        edited.set(
                7,
                ArchiveRecord.decision(
                        r.id(), r.kind(), r.eventTime(), r.key(), "acknowledged", Map.of("n", 7)));
        List<ArchiveRecord> deleted = new ArrayList<>(rows);
        deleted.remove(3);
        List<ArchiveRecord> inserted = new ArrayList<>(rows);
        inserted.add(row(99));

        assertThat(ArchiveHourRoot.of(HOUR, 0, edited).root()).isNotEqualTo(original.root());
        assertThat(ArchiveHourRoot.of(HOUR, 0, deleted).root()).isNotEqualTo(original.root());
        assertThat(ArchiveHourRoot.of(HOUR, 0, inserted).root()).isNotEqualTo(original.root());
    }

    @Test
    void archiveRootRowsAreAboutTheHourNotPartOfIt() {
        List<ArchiveRecord> rows = rows(5);
        List<ArchiveRecord> withRootRow = new ArrayList<>(rows);
        withRootRow.add(
                ArchiveRecord.decision(
                        ArchiveKind.ARCHIVE_ROOT.rowId("hour/0"),
                        ArchiveKind.ARCHIVE_ROOT,
                        HOUR,
                        "",
                        "anchored",
                        Map.of()));

        assertThat(ArchiveHourRoot.of(HOUR, 0, withRootRow))
                .isEqualTo(ArchiveHourRoot.of(HOUR, 0, rows));
    }

    @Test
    void aRowOfAnotherHourIsRefused() {
        List<ArchiveRecord> rows = new ArrayList<>(rows(3));
        rows.add(
                ArchiveRecord.decision(
                        "notification:late",
                        ArchiveKind.NOTIFICATION,
                        HOUR + 3_600_000L,
                        "",
                        "",
                        Map.of()));

        assertThatThrownBy(() -> ArchiveHourRoot.of(HOUR, 0, rows))
                .hasMessageContaining("notification:late")
                .hasMessageContaining("is not in the hour of");
    }

    private static List<ArchiveRecord> rows(int n) {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    private static ArchiveRecord row(int i) {
        return ArchiveRecord.decision(
                ArchiveKind.NOTIFICATION.rowId("n-" + i),
                ArchiveKind.NOTIFICATION,
                HOUR + i * 1000L,
                "fp-" + i,
                "sent",
                Map.of("n", i));
    }
}
