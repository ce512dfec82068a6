package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sealing stage on Flink's operator harness: when an hour is sealed, with what, and again. */
class ArchiveHourSealerTest {

    static final long H10 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long SEAL_AT = H10 + 70 * MINUTE; // 11:10, the hour's end plus SEAL_DELAY
    static final long NEXT_DAY_SEAL = Instant.parse("2026-12-02T00:10:00Z").toEpochMilli();

    private final List<
                    KeyedOneInputStreamOperatorTestHarness<
                            Long, ArchiveHourSealer.RowLeaf, ArchiveRecord>>
            harnesses = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var h : harnesses) {
            h.close();
        }
    }

    @Test
    void anHourIsSealedOnceTheWatermarkPassesItsEndPlusTheDelay() throws Exception {
        var harness = harness(null);
        List<ArchiveRecord> rows = rows(H10, 30);
        rows.forEach(r -> process(harness, r));
        process(harness, row("n-next-hour", H10 + 65 * MINUTE)); // hour 11, sealed later

        harness.processWatermark(SEAL_AT - 1);
        assertThat(rootRows(harness)).isEmpty();
        // One timer and one list of leaves per open hour, however many rows it has.
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(SEAL_AT);
        // Hour 10's leaves are gone; its generation counter stays (one int per hour ever sealed).
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        List<ArchiveRecord> sealed = rootRows(harness);
        assertThat(sealed).hasSize(1);
        ArchiveRecord rootRow = sealed.get(0);
        ArchiveHourRoot expected = ArchiveHourRoot.of(H10, 0, rows);
        assertThat(rootRow.id()).isEqualTo("archive_root:2026-12-01T10:00:00Z/0");
        assertThat(rootRow.eventTime()).isEqualTo(H10);
        assertThat(rootRow.payloadJson())
                .contains("\"root\":\"" + expected.root().toHex() + "\"")
                .contains("\"rowCount\":30")
                .contains("\"batchId\":\"" + expected.batchId().toHex() + "\"");
        HourLeaves leaves = HourLeaves.fromBytes(rootRow.raw());
        assertThat(leaves).isEqualTo(ArchiveHourRoot.leavesOf(H10, rows));
        assertThat(leaves.root()).isEqualTo(expected.root());
        assertThat(roots(harness)).containsExactly(expected);
    }

    @Test
    void rowsForASealedHourMakeTheNextGenerationWhenTheDayIsOver() throws Exception {
        var harness = harness(null);
        rows(H10, 5).forEach(r -> process(harness, r));
        harness.processWatermark(SEAL_AT);
        ArchiveRecord late1 = row("n-late-1", H10 + 59 * MINUTE);
        ArchiveRecord late2 = row("n-late-2", H10 + 1);
        process(harness, late1);
        process(harness, late2);
        harness.processWatermark(NEXT_DAY_SEAL - 1);
        assertThat(roots(harness)).hasSize(1);

        harness.processWatermark(NEXT_DAY_SEAL); // the day's end + the delay: late rows sealed

        assertThat(roots(harness))
                .containsExactly(
                        ArchiveHourRoot.of(H10, 0, rows(H10, 5)),
                        ArchiveHourRoot.of(H10, 1, List.of(late1, late2)));
        assertThat(rootRows(harness).get(1).id()).isEqualTo("archive_root:2026-12-01T10:00:00Z/1");
        assertThat(HourLeaves.fromBytes(rootRows(harness).get(1).raw()).size()).isEqualTo(2);
    }

    @Test
    void rowsArrivingAfterEventTimeEndedAreSealedAtTheEndOfTheInput() throws Exception {
        // The demo's drain: the alerts reach the end of event time while the receipts input is
        // idle, then its last records arrive; no timer can fire after the final watermark.
        var harness = harness(null);
        rows(H10, 4).forEach(r -> process(harness, r));
        harness.processWatermark(Long.MAX_VALUE);
        ArchiveRecord afterTheEnd = row("n-after-the-end", H10 + 30 * MINUTE);
        process(harness, afterTheEnd);
        assertThat(roots(harness)).hasSize(1);

        harnesses.remove(harness);
        harness.close(); // finish(): the end of the input

        assertThat(roots(harness))
                .containsExactly(
                        ArchiveHourRoot.of(H10, 0, rows(H10, 4)),
                        ArchiveHourRoot.of(H10, 1, List.of(afterTheEnd)));
        assertThat(rootRows(harness))
                .extracting(ArchiveRecord::id)
                .containsExactly(
                        "archive_root:2026-12-01T10:00:00Z/0",
                        "archive_root:2026-12-01T10:00:00Z/1");
    }

    @Test
    void theSameRowsGiveTheSameRootRowWhateverTheirOrderAndWatermarks() throws Exception {
        List<ArchiveRecord> rows = rows(H10, 40);
        var first = harness(null);
        rows.forEach(r -> process(first, r));
        first.processWatermark(SEAL_AT);

        List<ArchiveRecord> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        var second = harness(null);
        for (int i = 0; i < shuffled.size(); i++) {
            process(second, shuffled.get(i));
            if (i % 10 == 0) {
                second.processWatermark(H10 + i * MINUTE); // more, earlier watermarks
            }
        }
        second.processWatermark(Long.MAX_VALUE);

        assertThat(rootRows(second)).isEqualTo(rootRows(first));
    }

    @Test
    void aRestoredStageSealsTheHourWithTheRowsSeenBeforeTheCheckpoint() throws Exception {
        List<ArchiveRecord> rows = rows(H10, 20);
        var before = harness(null);
        rows.subList(0, 12).forEach(r -> process(before, r));
        OperatorSubtaskState snapshot = before.snapshot(1, 1);

        var after = harness(snapshot);
        assertThat(after.numEventTimeTimers()).isEqualTo(1); // the hour's seal, restored
        rows.subList(12, 20).forEach(r -> process(after, r));
        after.processWatermark(SEAL_AT);

        assertThat(roots(after)).containsExactly(ArchiveHourRoot.of(H10, 0, rows));
    }

    @Test
    void ackReceiptRowsAreNotUnderAnHourRoot() throws Exception {
        var harness = harness(null);
        List<ArchiveRecord> rows = rows(H10, 3);
        rows.forEach(r -> process(harness, r));
        process(
                harness,
                ArchiveRecord.decision(
                        ArchiveKind.ACK_RECEIPT.rowId("0xab"),
                        ArchiveKind.ACK_RECEIPT,
                        H10 + 5,
                        "",
                        "anchored",
                        Map.of()));

        harness.processWatermark(SEAL_AT);

        assertThat(roots(harness)).containsExactly(ArchiveHourRoot.of(H10, 0, rows));
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, ArchiveHourSealer.RowLeaf, ArchiveRecord>
            harness(OperatorSubtaskState restoreFrom) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new ArchiveHourSealer.Operator(),
                        ArchiveHourSealer.RowLeaf::hour,
                        Types.LONG);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        harnesses.add(harness);
        return harness;
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<Long, ArchiveHourSealer.RowLeaf, ArchiveRecord>
                    harness,
            ArchiveRecord row) {
        // As in the pipeline: the row's own stage makes its leaf, the sealer gets the leaf.
        List<ArchiveHourSealer.RowLeaf> leaves = new ArrayList<>();
        new ArchiveHourSealer.LeafOf().flatMap(row, new ListCollector<>(leaves));
        try {
            for (ArchiveHourSealer.RowLeaf leaf : leaves) {
                harness.processElement(new StreamRecord<>(leaf, row.eventTime()));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<ArchiveRecord> rootRows(
            KeyedOneInputStreamOperatorTestHarness<Long, ArchiveHourSealer.RowLeaf, ArchiveRecord>
                    harness) {
        return harness.extractOutputValues();
    }

    private static List<ArchiveHourRoot> roots(
            KeyedOneInputStreamOperatorTestHarness<Long, ArchiveHourSealer.RowLeaf, ArchiveRecord>
                    harness) {
        List<ArchiveHourRoot> out = new ArrayList<>();
        var side = harness.getSideOutput(ArchiveHourSealer.ROOTS);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private static List<ArchiveRecord> rows(long hour, int n) {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row("n-" + i, hour + i * MINUTE));
        }
        return rows;
    }

    private static ArchiveRecord row(String ref, long at) {
        return ArchiveRecord.decision(
                ArchiveKind.NOTIFICATION.rowId(ref),
                ArchiveKind.NOTIFICATION,
                at,
                "fp-" + ref,
                "sent",
                Map.of("ref", ref));
    }
}
