package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/**
 * The committer against an in-memory ledger: anchors, never twice, and never throws for a down
 * chain.
 */
class AnchorCommitterTest {

    static final AnchorRetry QUICK = new AnchorRetry(3, Duration.ofMillis(1), Duration.ofMillis(1));

    final FakeLedger ledger = new FakeLedger();
    final AnchorCommitter committer =
            new AnchorCommitter(() -> ledger, QUICK, new UnregisteredMetricsGroup());

    @Test
    void anAnchorCommitStoresTheBatchOnceHoweverOftenItIsRepeated() throws Exception {
        AckBatch batch = AckBatch.seal(TestAcks.acks(0, 8));
        RecordedCommitRequest<AnchorCommittable> first =
                new RecordedCommitRequest<>(AnchorCommittable.anchor(batch));
        RecordedCommitRequest<AnchorCommittable> again =
                new RecordedCommitRequest<>(AnchorCommittable.anchor(batch));

        committer.commit(List.of(first));
        committer.commit(List.of(again));

        assertThat(ledger.anchored).containsOnlyKeys(batch.batchId());
        assertThat(ledger.anchored.get(batch.batchId()).root()).isEqualTo(batch.tree().root());
        assertThat(first.outcome()).isNull();
        assertThat(again.outcome()).isNull();
    }

    @Test
    void aDownChainLetsTheRequestGoWithoutFailingTheJob() throws Exception {
        ledger.down = true;
        RecordedCommitRequest<AnchorCommittable> request =
                new RecordedCommitRequest<>(
                        AnchorCommittable.anchor(AckBatch.seal(TestAcks.acks(0, 2))));

        committer.commit(List.of(request));

        assertThat(request.outcome()).isEqualTo(RecordedCommitRequest.Outcome.FAILED_KNOWN);
        assertThat(ledger.anchored).isEmpty();
    }

    @Test
    void aReportPassesThroughWithoutTouchingTheChain() throws Exception {
        ledger.down = true;
        AckBatch batch = AckBatch.seal(TestAcks.acks(0, 2));
        var event =
                new dev.pagerboy.contracts.ledger.AnchorEvent(
                        batch.batchId(), batch.tree().root(), 2, 0, "0xaa", 3, "0xbb");
        RecordedCommitRequest<AnchorCommittable> request =
                new RecordedCommitRequest<>(AnchorCommittable.report(batch, event));

        committer.commit(List.of(request));

        assertThat(request.outcome()).isNull();
    }
}
