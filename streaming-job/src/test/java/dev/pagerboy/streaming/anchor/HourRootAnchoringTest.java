package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.Bytes32;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/**
 * Hour roots through the two-phase commit against an in-memory ledger: anchored once however often
 * offered, kept while the chain is down, anchored at the end of a bounded input.
 */
class HourRootAnchoringTest {

    static final AnchorRetry QUICK = new AnchorRetry(2, Duration.ofMillis(1), Duration.ofMillis(1));
    static final long H10 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    final FakeLedger ledger = new FakeLedger();

    @Test
    void aRootIsOfferedUntilTheChainHoldsItAndAnchoredOnce() throws Exception {
        HourRootAnchorWriter writer = writer(List.of());
        HourRootCommitter committer = committer();
        ArchiveHourRoot root = root(0, "a");
        writer.write(root, null);

        Collection<ArchiveHourRoot> first = writer.prepareCommit();
        assertThat(first).containsExactly(root);
        commit(committer, first);
        commit(committer, first); // Flink repeats a commit after a restore
        assertThat(ledger.anchored).containsOnlyKeys(root.batchId());
        assertThat(ledger.anchored.get(root.batchId()).root()).isEqualTo(root.root());
        assertThat(ledger.anchored.get(root.batchId()).firstSeq()).isEqualTo(H10 / 3_600_000L);

        assertThat(writer.prepareCommit()).isEmpty();
        assertThat(writer.snapshotState(2)).isEmpty();
    }

    @Test
    void aDownChainKeepsTheRootInTheBacklogAndNeverFailsTheCommit() throws Exception {
        HourRootAnchorWriter writer = writer(List.of());
        HourRootCommitter committer = committer();
        ArchiveHourRoot root = root(0, "b");
        writer.write(root, null);
        ledger.down = true;

        Collection<ArchiveHourRoot> offered = writer.prepareCommit();
        List<RecordedCommitRequest<ArchiveHourRoot>> requests = commit(committer, offered);
        assertThat(requests.get(0).outcome()).isEqualTo(RecordedCommitRequest.Outcome.FAILED_KNOWN);
        List<ArchiveHourRoot> state = writer.snapshotState(1);
        assertThat(state).containsExactly(root);

        ledger.down = false;
        HourRootAnchorWriter restored = writer(state); // the job restarted meanwhile
        commit(committer, restored.prepareCommit());
        assertThat(ledger.anchored).containsOnlyKeys(root.batchId());
        assertThat(restored.prepareCommit()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputAnchorsWhatIsLeft() throws Exception {
        HourRootAnchorWriter writer = writer(List.of());
        ArchiveHourRoot gen0 = root(0, "c");
        ArchiveHourRoot gen1 = root(1, "d");
        writer.write(gen0, null);
        writer.write(gen1, null);
        writer.flush(true);

        assertThat(writer.prepareCommit()).isEmpty();

        assertThat(ledger.anchored).containsOnlyKeys(gen0.batchId(), gen1.batchId());
        assertThat(writer.snapshotState(1)).isEmpty();
    }

    @Test
    void theCheckpointFormKeepsEveryFigure() throws Exception {
        ArchiveHourRoot root = root(3, "e");
        HourRootAnchorSink.Roots serializer = new HourRootAnchorSink.Roots();

        assertThat(serializer.deserialize(1, serializer.serialize(root))).isEqualTo(root);
    }

    private HourRootAnchorWriter writer(List<ArchiveHourRoot> restored) {
        return new HourRootAnchorWriter(
                new LedgerSession(() -> ledger), QUICK, new UnregisteredMetricsGroup(), restored);
    }

    private HourRootCommitter committer() {
        return new HourRootCommitter(
                new LedgerSession(() -> ledger), QUICK, new UnregisteredMetricsGroup());
    }

    private static ArchiveHourRoot root(int generation, String content) {
        return new ArchiveHourRoot(H10, generation, 7, Bytes32.keccak256(content));
    }

    private static List<RecordedCommitRequest<ArchiveHourRoot>> commit(
            HourRootCommitter committer, Collection<ArchiveHourRoot> roots) throws Exception {
        List<RecordedCommitRequest<ArchiveHourRoot>> requests = new ArrayList<>();
        roots.forEach(r -> requests.add(new RecordedCommitRequest<>(r)));
        committer.commit(new ArrayList<>(requests));
        return requests;
    }
}
