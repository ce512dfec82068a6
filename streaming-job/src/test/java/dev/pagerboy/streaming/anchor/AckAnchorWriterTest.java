package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.anchor.AnchorCommittable.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    private AckAnchorWriter writer(List<AckBatch> restored) {
        return new AckAnchorWriter(() -> ledger, AnchorRetry.DEFAULT, gauge, restored);
    }

    private static void write(AckAnchorWriter writer, List<AckLeaf> acks) throws IOException {
        for (AckLeaf ack : acks) {
            writer.write(ack, null);
        }
    }
}
