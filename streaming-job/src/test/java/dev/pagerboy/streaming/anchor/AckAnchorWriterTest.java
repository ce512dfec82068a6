package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.anchor.AnchorCommittable.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against an in-memory ledger: pre-commit, backlog, report, chain outage, restore. */
class AckAnchorWriterTest {

    final FakeLedger ledger = new FakeLedger();
    final AnchorBacklog gauge = new AnchorBacklog();

    @Test
    void eachCheckpointSealsWhatArrivedIntoOneBatchToAnchor() throws Exception {
        AckAnchorWriter writer = writer(List.of());
        write(writer, TestAcks.acks(0, 5));
        assertThat(gauge.leaves()).isEqualTo(5);

        List<AnchorCommittable> first = new ArrayList<>(writer.prepareCommit());

        assertThat(first).extracting(AnchorCommittable::step).containsExactly(Step.ANCHOR);
        assertThat(first.get(0).batch()).isEqualTo(AckBatch.seal(TestAcks.acks(0, 5)));
        assertThat(writer.snapshotState(1)).containsExactly(first.get(0).batch());
        assertThat(gauge.batches()).isEqualTo(1);
        assertThat(gauge.leaves()).isEqualTo(5);
    }

    @Test
    void aBatchSeenOnTheChainIsReportedOnceAndLeavesTheBacklog() throws Exception {
        AckAnchorWriter writer = writer(List.of());
        write(writer, TestAcks.acks(0, 5));
        AckBatch batch = writer.prepareCommit().iterator().next().batch();
        ledger.anchor(batch.toAnchor()); // what the committer does after the checkpoint
        write(writer, TestAcks.acks(5, 2));

        List<AnchorCommittable> second = new ArrayList<>(writer.prepareCommit());

        assertThat(second)
                .extracting(AnchorCommittable::step)
                .containsExactly(Step.REPORT, Step.ANCHOR);
        assertThat(second.get(0).batch()).isEqualTo(batch);
        assertThat(second.get(0).anchored().blockNumber()).isEqualTo(1);
        assertThat(writer.snapshotState(2)).containsExactly(second.get(1).batch());
        assertThat(gauge.batches()).isEqualTo(1);
        assertThat(gauge.leaves()).isEqualTo(2);

        ledger.anchor(second.get(1).batch().toAnchor());
        assertThat(writer.prepareCommit())
                .extracting(AnchorCommittable::step)
                .containsExactly(Step.REPORT);
        assertThat(writer.prepareCommit()).isEmpty();
        assertThat(writer.snapshotState(4)).isEmpty();
    }

    @Test
    void whileTheChainIsDownBatchesStayInTheBacklogAndAreOfferedAgain() throws Exception {
        AckAnchorWriter writer = writer(List.of());
        write(writer, TestAcks.acks(0, 3));
        AckBatch first = writer.prepareCommit().iterator().next().batch();
        ledger.down = true;
        write(writer, TestAcks.acks(3, 4));

        Collection<AnchorCommittable> offered = writer.prepareCommit();

        assertThat(offered).extracting(AnchorCommittable::step).containsOnly(Step.ANCHOR);
        assertThat(offered).extracting(AnchorCommittable::batch).hasSize(2).contains(first);
        assertThat(gauge.batches()).isEqualTo(2);
        assertThat(gauge.leaves()).isEqualTo(7);

        ledger.down = false;
        offered.forEach(c -> ledger.anchor(c.batch().toAnchor()));
        assertThat(writer.prepareCommit())
                .extracting(AnchorCommittable::step)
                .containsOnly(Step.REPORT)
                .hasSize(2);
        assertThat(gauge.batches()).isZero();
        assertThat(gauge.leaves()).isZero();
    }

    @Test
    void aRestoredWriterOffersItsBacklogAgain() throws Exception {
        AckAnchorWriter before = writer(List.of());
        write(before, TestAcks.acks(0, 4));
        before.prepareCommit();
        List<AckBatch> state = before.snapshotState(1);

        AckAnchorWriter after = writer(state);

        assertThat(gauge.batches()).isEqualTo(1);
        assertThat(after.prepareCommit())
                .extracting(AnchorCommittable::batch)
                .containsExactlyElementsOf(state);
    }

    @Test
    void atTheEndOfTheInputTheWriterAnchorsAndReportsItsBacklogItself() throws Exception {
        AckAnchorWriter writer = writer(List.of());
        write(writer, TestAcks.acks(0, 6));
        writer.flush(true);

        AckBatch batch = AckBatch.seal(TestAcks.acks(0, 6));
        List<AnchorCommittable> last = new ArrayList<>(writer.prepareCommit());
        // Reported now: no later checkpoint will, and the receipts are made before the commit.
        assertThat(last).extracting(AnchorCommittable::step).containsExactly(Step.REPORT);
        assertThat(last.get(0).batch()).isEqualTo(batch);
        assertThat(last.get(0).anchored().blockNumber()).isEqualTo(1);
        assertThat(ledger.anchored).containsOnlyKeys(batch.batchId());
        assertThat(gauge.batches()).as("on the chain: no backlog").isZero();
        assertThat(gauge.leaves()).isZero();
        assertThat(writer.snapshotState(9)).as("reported: out of the backlog").isEmpty();
        assertThat(writer.prepareCommit()).as("the final checkpoint's pre-commit").isEmpty();
        assertThat(ledger.anchored).hasSize(1);
    }

    @Test
    void aBacklogBatchAlreadyOnTheChainIsReportedAtTheEndWithoutASecondAnchor() throws Exception {
        AckAnchorWriter first = writer(List.of());
        write(first, TestAcks.acks(0, 6));
        List<AnchorCommittable> offered = new ArrayList<>(first.prepareCommit());
        ledger.anchor(offered.get(0).batch().toAnchor()); // the commit anchored it, then a crash
        List<AckBatch> restoredState = first.snapshotState(9);

        AckAnchorWriter resumed = writer(restoredState);
        resumed.flush(true);
        List<AnchorCommittable> last = new ArrayList<>(resumed.prepareCommit());

        assertThat(last).extracting(AnchorCommittable::step).containsExactly(Step.REPORT);
        assertThat(last.get(0).batch()).isEqualTo(restoredState.get(0));
        assertThat(resumed.snapshotState(10)).isEmpty();
        assertThat(ledger.anchored).as("anchored once").hasSize(1);
    }

    /**
     * Finding 19: the end of the input anchored the acks after checkpoint 1, then the final
     * checkpoint failed. The job restores from checkpoint 1 and reads those acks again, and its
     * checkpoints cut them differently; without the journal it anchored them again in new batches.
     */
    @Test
    void acksAnEndAnchoredAreNotAnchoredAgainWhenTheFinalCheckpointFails(@TempDir Path dir)
            throws Exception {
        EndOfInputJournal journal = journal(dir, new JobID(), 0);
        AckAnchorWriter first = writer(List.of(), journal, 0);
        write(first, TestAcks.acks(0, 5));
        ledger.anchor(first.prepareCommit().iterator().next().batch().toAnchor());
        List<AckBatch> checkpoint1 = first.snapshotState(1); // completes
        write(first, TestAcks.acks(5, 4));
        first.prepareCommit();
        first.snapshotState(2); // fails later
        write(first, TestAcks.acks(9, 3));
        first.flush(true);
        first.prepareCommit(); // anchors and reports the rest itself; checkpoint 3 fails
        assertThat(ledger.anchored).hasSize(3);

        AckAnchorWriter again = writer(checkpoint1, journal, 1);
        write(again, TestAcks.acks(5, 2));
        List<AnchorCommittable> reported = new ArrayList<>(again.prepareCommit());
        again.snapshotState(4);
        write(again, TestAcks.acks(7, 5));
        again.flush(true);
        reported.addAll(again.prepareCommit());

        assertThat(ledger.anchored).as("nothing anchored a second time").hasSize(3);
        assertThat(reported).extracting(AnchorCommittable::step).containsOnly(Step.REPORT);
        assertThat(reported.stream().flatMap(c -> c.batch().leaves().stream()))
                .as("every ack reported once")
                .containsExactlyInAnyOrderElementsOf(TestAcks.acks(0, 12));
        assertThat(again.snapshotState(5)).isEmpty();
    }

    /**
     * A writer restored from a checkpoint taken after it had taken the journal's batches back (and
     * reported them) must not report them again, and still leaves their acks out.
     */
    @Test
    void aWriterRestoredAfterTheJournalWasTakenBackDoesNotReportItAgain(@TempDir Path dir)
            throws Exception {
        EndOfInputJournal journal = journal(dir, new JobID(), 0);
        AckAnchorWriter first = writer(List.of(), journal, 0);
        write(first, TestAcks.acks(0, 4));
        first.flush(true);
        first.prepareCommit(); // anchored at the end, before any checkpoint; then a crash
        AckAnchorWriter second = writer(List.of(), journal, 0);
        write(second, TestAcks.acks(0, 2));
        assertThat(second.prepareCommit())
                .extracting(AnchorCommittable::step)
                .containsExactly(Step.REPORT);
        List<AckBatch> checkpoint7 = second.snapshotState(7); // completes; then a crash

        AckAnchorWriter third = writer(checkpoint7, journal, 7);
        write(third, TestAcks.acks(2, 2));
        third.flush(true);

        assertThat(third.prepareCommit()).as("reported in checkpoint 7 already").isEmpty();
        assertThat(ledger.anchored).hasSize(1);
    }

    /**
     * After a restore a rebalance may send an ack to another subtask than the one that anchored it.
     */
    @Test
    void anAckAnotherSubtaskAnchoredAtAnEndIsLeftOutToo(@TempDir Path dir) throws Exception {
        JobID job = new JobID();
        AckAnchorWriter zero = writer(List.of(), journal(dir, job, 0), 0);
        write(zero, TestAcks.acks(0, 3));
        zero.flush(true);
        zero.prepareCommit(); // then the final checkpoint fails

        AckAnchorWriter one = writer(List.of(), journal(dir, job, 1), 0);
        write(one, TestAcks.acks(1, 3)); // 1 and 2 went to subtask 0 the first time

        assertThat(one.prepareCommit())
                .extracting(AnchorCommittable::batch)
                .containsExactly(AckBatch.seal(TestAcks.acks(3, 1)));
    }

    private static EndOfInputJournal journal(Path checkpointDir, JobID job, int subtask) {
        return EndOfInputJournal.under(checkpointDir.toUri().toString(), job, subtask);
    }

    private AckAnchorWriter writer(List<AckBatch> restored) throws IOException {
        return writer(restored, EndOfInputJournal.NONE, 0);
    }

    private AckAnchorWriter writer(
            List<AckBatch> restored, EndOfInputJournal journal, long restoredCheckpoint)
            throws IOException {
        return new AckAnchorWriter(
                () -> ledger, AnchorRetry.DEFAULT, gauge, restored, journal, restoredCheckpoint);
    }

    private static void write(AckAnchorWriter writer, List<AckLeaf> acks) throws IOException {
        for (AckLeaf ack : acks) {
            writer.write(ack, null);
        }
    }
}
