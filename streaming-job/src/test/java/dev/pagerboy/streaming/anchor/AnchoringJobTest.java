package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.RunningMetrics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's anchoring acceptance on a MiniCluster (parallelism 2) and a real Anvil: a paced,
 * checkpointed stream of accepted acks goes through {@link AckAnchorSink}; receipts land in a
 * transactional collecting sink. Every run must end with each ack receipted exactly once, every
 * receipt's proof holding (and checked by the contract for a sample), and exactly one {@code
 * Anchored} event per batch named in the receipts.
 *
 * <ul>
 *   <li>(e) the task crashes once after the chain mined a batch and before the commit returned;
 *       Flink restores and commits again;
 *   <li>(f) Anvil is stopped mid-run (its state dumped), stays down for {@link #OUTAGE} while the
 *       job keeps checkpointing, and comes back at the same URL with its state; the job has no
 *       restart strategy, so finishing proves it never restarted;
 *   <li>a bounded run that is never resumed commits the receipts of every batch it anchored, the
 *       last ones included (finding 8 in docs/RELIABILITY.md);
 *   <li>a bounded run whose final checkpoint never completes anchors no ack twice when the restored
 *       job reads the last acks again (finding 19).
 * </ul>
 */
@Tag("integration")
class AnchoringJobTest {

    /**
     * How long the chain is down in (f); -Dpagerboy.anchor.outage=60 runs issue 14's full minute.
     */
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pagerboy.anchor.outage", 20));

    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    static final String BACKLOG_BATCHES = ".*pagerboy\\.anchor\\.backlogBatches$";

    @RegisterExtension
    static final MiniClusterExtension flink = FlinkMiniCluster.extension(METRICS);

    /** Highest ack index the source has produced; the MiniCluster shares the test's JVM. */
    static final AtomicLong GENERATED = new AtomicLong(-1);

    /** Finding 19's test: set at the crash, then what the restored source made again. */
    static final AtomicBoolean CRASHED_AT_THE_END = new AtomicBoolean();

    static final AtomicLong READ_AGAIN = new AtomicLong();

    @TempDir Path dir;
    AnvilNode anvil;
    Path chainState;

    @BeforeEach
    void startChain() {
        chainState = dir.resolve("chain.json");
        anvil = AnvilNode.builder().dumpState(chainState).start();
        GENERATED.set(-1);
        CrashAfterFirstAnchor.CRASHED.set(false);
        CRASHED_AT_THE_END.set(false);
        READ_AGAIN.set(0);
    }

    @AfterEach
    void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aCrashBetweenPreCommitAndCommitAnchorsEachBatchOnce() throws Exception {
        LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
        int acks = 240;
        LedgerConnector crashing = () -> new CrashAfterFirstAnchor(ledger.connect());
        CommittedValues<AckReceipt> receipts = new CommittedValues<>();
        CommittedValues<ArchiveRecord> rows = new CommittedValues<>();

        StreamExecutionEnvironment env = environment(new Configuration());
        define(env, 60, crashing, ledger.contract(), receipts, rows);
        JobClient job = env.executeAsync("anchoring-crash");
        WatchedJob watched = WatchedJob.onCluster(flink, job);
        awaitReceiptsOfTheFirst(watched, acks, receipts, Duration.ofMinutes(2));

        assertThat(CrashAfterFirstAnchor.CRASHED).as("the injected crash happened").isTrue();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        Committed settled = settled(watched, receipts, rows);
        // The crash restarted the writers; the reporter still holds the crashed attempt's gauges
        // under the same names. The backlog is that of the two writer subtasks running now.
        assertThat(RunningMetrics.find(METRICS, job.getJobID(), BACKLOG_BATCHES))
                .as("backlog gauges of the running writer subtasks")
                .hasSize(FlinkMiniCluster.PARALLELISM);
        assertThat(backlogBatches(job.getJobID())).isNotNegative();
        WatchedJob.cancelAndAwaitEnd(job);
        assertAnchoredExactlyOnce(ledger, acks, settled.receipts(), settled.rows());
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aChainOutageDelaysAnchoringWithoutLosingARestartOrADuplicate() throws Exception {
        LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
        int rate = 20;
        CommittedValues<AckReceipt> receipts = new CommittedValues<>();
        CommittedValues<ArchiveRecord> rows = new CommittedValues<>();
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");

        StreamExecutionEnvironment env = environment(noRestarts);
        define(env, rate, ledger, ledger.contract(), receipts, rows);
        JobClient job = env.executeAsync("anchoring-outage");
        WatchedJob watched = WatchedJob.onCluster(flink, job);

        // Includes the job's start-up, slow on a busy 2-core machine.
        watched.await(
                "receipts of batches anchored before the outage",
                Duration.ofMinutes(2),
                () -> !receipts.values().isEmpty());
        int port = anvil.port();
        anvil.close(); // SIGTERM: Anvil dumps its state
        anvil = null;
        long downSince = System.nanoTime();
        await("the chain down for " + OUTAGE + " with the backlog growing")
                .atMost(OUTAGE.plusSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                System.nanoTime() - downSince >= OUTAGE.toNanos()
                                        && backlogBatches(job.getJobID()) >= 3);
        long generatedWhileDown = GENERATED.get();

        anvil = AnvilNode.builder().port(port).loadState(chainState).dumpState(chainState).start();
        awaitReceiptsOfTheFirst(
                watched, (int) generatedWhileDown + 1, receipts, Duration.ofMinutes(2));

        assertThat(job.getJobStatus().get())
                .as("never restarted (no restart strategy: a failure would have ended it)")
                .isEqualTo(JobStatus.RUNNING);
        Committed settled = settled(watched, receipts, rows);
        WatchedJob.cancelAndAwaitEnd(job);
        assertAnchoredExactlyOnce(
                ledger, (int) generatedWhileDown + 1, settled.receipts(), settled.rows());
    }

    /**
     * Finding 8: a bounded run that is never resumed. The last batches are sealed and anchored in
     * the final checkpoints; their receipts must be committed by the time the job FINISHED. Before
     * the fix they were made after the commit, once every sink behind the anchoring had ended its
     * input, and never committed.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aBoundedRunCommitsTheReceiptsOfEveryBatchItAnchored() throws Exception {
        LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
        int acks = 150;
        CommittedValues<AckReceipt> receipts = new CommittedValues<>();
        CommittedValues<ArchiveRecord> rows = new CommittedValues<>();
        StreamExecutionEnvironment env = environment(new Configuration());
        defineBounded(env, TestAcks::ack, acks, ledger, receipts, rows);
        JobClient job = env.executeAsync("anchoring-bounded");
        // The committers run in the final checkpoint's notification, before the tasks finish.
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);

        assertEveryAckAnchoredOnceAndReceipted(ledger, acks, receipts, rows);
    }

    /**
     * Finding 19: the end of a bounded input anchors the last acks itself, before the final
     * checkpoint completes, and here that checkpoint never does: the task crashes at the end of the
     * input. The test takes every checkpoint itself: one after about 60 acks, none after it in the
     * first attempt, so the job restores from it and reads the last 240 acks again; two checkpoints
     * among those cut them into batches other than the one on the chain. Every ack must still be in
     * exactly one {@code Anchored} batch, and receipted once.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void acksAnchoredAtTheEndAreNotAnchoredAgainWhenTheFinalCheckpointNeverCompletes(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
        int acks = 300;
        CommittedValues<AckReceipt> receipts = new CommittedValues<>(new CrashAtTheEndOnce());
        CommittedValues<ArchiveRecord> rows = new CommittedValues<>();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.enableCheckpointing(Duration.ofHours(10).toMillis()); // taken by the test instead
        defineBounded(env, new CountingWhatIsReadAgain(), acks, ledger, receipts, rows);
        JobClient job = env.executeAsync("anchoring-final-checkpoint-never-completes");
        WatchedJob watched = WatchedJob.onCluster(flink, job);

        // 240 acks (about 5 s) left for that checkpoint to complete before the input ends.
        watched.await("60 acks made", Duration.ofMinutes(1), () -> GENERATED.get() >= 60);
        client.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT).get(1, TimeUnit.MINUTES);
        watched.await("the crash at the end", Duration.ofMinutes(1), CRASHED_AT_THE_END::get);
        watched.await("40 acks read again", Duration.ofMinutes(1), () -> READ_AGAIN.get() >= 40);
        client.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT).get(1, TimeUnit.MINUTES);
        watched.await("120 acks read again", Duration.ofMinutes(1), () -> READ_AGAIN.get() >= 120);
        client.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT).get(1, TimeUnit.MINUTES);
        // The final checkpoint too waits for a trigger.
        await("the job finished")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (job.getJobStatus().get() == JobStatus.FINISHED) {
                                return true;
                            }
                            client.triggerCheckpoint(job.getJobID(), CheckpointType.DEFAULT);
                            return false;
                        });

        assertThat(READ_AGAIN.get()).as("acks read again after the restore").isGreaterThan(120);
        assertEveryAckAnchoredOnceAndReceipted(ledger, acks, receipts, rows);
    }

    /** Acks 0, 1, 2, …; after the crash at the end, counts those it makes again. */
    static final class CountingWhatIsReadAgain implements GeneratorFunction<Long, AckLeaf> {
        @Override
        public AckLeaf map(Long n) {
            if (CRASHED_AT_THE_END.get()) {
                READ_AGAIN.incrementAndGet();
            }
            GENERATED.accumulateAndGet(n, Math::max);
            return TestAcks.ack(n);
        }
    }

    /** The receipts writer fails its task once, at the end of its input. */
    static final class CrashAtTheEndOnce implements CommittedValues.Faults {
        @Override
        public void atEndOfInput() {
            if (CRASHED_AT_THE_END.compareAndSet(false, true)) {
                throw new IllegalStateException(
                        "injected crash at the end of the input: the final checkpoint never"
                                + " completes");
            }
        }
    }

    /**
     * {@code acks} acks from {@code generator}, 50 a second, into the anchoring sink, whose writers
     * keep their end-of-input journal under the test's directory.
     */
    private void defineBounded(
            StreamExecutionEnvironment env,
            GeneratorFunction<Long, AckLeaf> generator,
            int acks,
            LedgerEndpoint ledger,
            CommittedValues<AckReceipt> receipts,
            CommittedValues<ArchiveRecord> rows) {
        DataGeneratorSource<AckLeaf> source =
                new DataGeneratorSource<>(
                        generator,
                        acks,
                        RateLimiterStrategy.perSecond(50),
                        TypeInformation.of(AckLeaf.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "acks")
                .setParallelism(1)
                .uid("acks")
                .sinkTo(
                        new AckAnchorSink(
                                ledger,
                                ledger.contract(),
                                new AnchorRetry(2, Duration.ofMillis(100), Duration.ofMillis(200)),
                                new ReceiptOutputs<>(receipts, rows),
                                dir.resolve("checkpoints").toUri().toString()))
                .name("anchor")
                .uid("anchor");
    }

    /**
     * A bounded run's books: a receipt for every ack and no other, {@link
     * #assertAnchoredExactlyOnce}, and {@code acks} leaves in all the Anchored events: no ack is in
     * two batches.
     */
    private static void assertEveryAckAnchoredOnceAndReceipted(
            LedgerEndpoint endpoint,
            int acks,
            CommittedValues<AckReceipt> receipts,
            CommittedValues<ArchiveRecord> rows) {
        assertThat(receipts.values())
                .extracting(AckReceipt::leafDigest)
                .as("a receipt for every ack of the bounded run")
                .containsExactlyInAnyOrderElementsOf(digestsOfTheFirst(acks));
        assertAnchoredExactlyOnce(endpoint, acks, receipts.values(), rows.values());
        try (var ledger = endpoint.connect()) {
            assertThat(
                            ledger.latestAnchors(100_000).stream()
                                    .mapToLong(AnchorEvent::leafCount)
                                    .sum())
                    .as("acks in all Anchored batches")
                    .isEqualTo(acks);
        }
    }

    /** An endless paced stream of acks 0, 1, 2, …: the live job's input never ends either. */
    private static void define(
            StreamExecutionEnvironment env,
            int perSecond,
            LedgerConnector connector,
            String contract,
            CommittedValues<AckReceipt> receipts,
            CommittedValues<ArchiveRecord> rows) {
        DataGeneratorSource<AckLeaf> source =
                new DataGeneratorSource<>(
                        n -> {
                            GENERATED.accumulateAndGet(n, Math::max);
                            return TestAcks.ack(n);
                        },
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(perSecond),
                        TypeInformation.of(AckLeaf.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "acks")
                .setParallelism(1) // one split counts 0, 1, 2, … (two would start at 2^62)
                .uid("acks")
                .sinkTo(
                        new AckAnchorSink(
                                connector,
                                contract,
                                new AnchorRetry(2, Duration.ofMillis(100), Duration.ofMillis(200)),
                                new ReceiptOutputs<>(receipts, rows),
                                null))
                .name("anchor")
                .uid("anchor");
    }

    private static void awaitReceiptsOfTheFirst(
            WatchedJob job, int acks, CommittedValues<AckReceipt> receipts, Duration atMost) {
        Set<String> expected = digestsOfTheFirst(acks);
        job.await(
                "receipts of the first " + acks + " acks",
                atMost,
                () ->
                        receipts.values().stream()
                                .map(AckReceipt::leafDigest)
                                .collect(Collectors.toSet())
                                .containsAll(expected));
    }

    /** What the two sinks had committed at one instant when they agreed. */
    private record Committed(List<AckReceipt> receipts, List<ArchiveRecord> rows) {}

    /**
     * The receipts and archive rows committed at an instant when every receipt has its row and
     * every row its receipt. The two sinks commit on the same checkpoint, but each is told of it on
     * its own, so while the job runs one may be a checkpoint ahead for a moment; comparing what
     * they hold after a cancel would race that.
     */
    private static Committed settled(
            WatchedJob job,
            CommittedValues<AckReceipt> receipts,
            CommittedValues<ArchiveRecord> rows) {
        AtomicReference<Committed> agreed = new AtomicReference<>();
        job.await(
                "the receipts and the archive rows of one checkpoint",
                Duration.ofMinutes(2),
                () -> {
                    List<ArchiveRecord> w = rows.values();
                    List<AckReceipt> r = receipts.values();
                    Set<String> rowIds =
                            w.stream().map(ArchiveRecord::id).collect(Collectors.toSet());
                    Set<String> receiptRowIds =
                            r.stream()
                                    .map(x -> AckReceiptRows.archiveRow(x).id())
                                    .collect(Collectors.toSet());
                    if (!rowIds.equals(receiptRowIds)) {
                        return false;
                    }
                    agreed.set(new Committed(r, w));
                    return true;
                });
        return agreed.get();
    }

    private static Set<String> digestsOfTheFirst(int acks) {
        return TestAcks.acks(0, acks).stream()
                .map(a -> a.digest().toHex())
                .collect(Collectors.toSet());
    }

    private static StreamExecutionEnvironment environment(Configuration conf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.enableCheckpointing(300);
        return env;
    }

    private static long backlogBatches(JobID job) {
        return RunningMetrics.gaugeSum(METRICS, job, BACKLOG_BATCHES);
    }

    /**
     * Every ack up to {@code acks} has a receipt, no ack has two, every receipt has exactly one
     * archive row, and (below) every batch in the receipts has exactly one Anchored event.
     */
    private static void assertAnchoredExactlyOnce(
            LedgerEndpoint endpoint,
            int acks,
            List<AckReceipt> receipts,
            List<ArchiveRecord> rows) {
        assertThat(receipts).extracting(AckReceipt::leafDigest).doesNotHaveDuplicates();
        assertThat(receipts)
                .extracting(AckReceipt::leafDigest)
                .containsAll(digestsOfTheFirst(acks));
        assertThat(receipts).allMatch(AckReceipt::proofHolds);
        assertThat(rows).extracting(ArchiveRecord::id).doesNotHaveDuplicates();
        assertThat(rows)
                .extracting(ArchiveRecord::id)
                .containsExactlyInAnyOrderElementsOf(
                        receipts.stream().map(r -> AckReceiptRows.archiveRow(r).id()).toList());

        try (var ledger = endpoint.connect()) {
            List<AnchorEvent> events = ledger.latestAnchors(100_000);
            assertThat(events)
                    .extracting(AnchorEvent::batchId)
                    .as("no batch anchored twice")
                    .doesNotHaveDuplicates();
            Map<Bytes32, AnchorEvent> byBatch =
                    events.stream()
                            .collect(Collectors.toMap(AnchorEvent::batchId, Function.identity()));
            Map<String, Long> receiptsPerBatch =
                    receipts.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            AckReceipt::batchId, Collectors.counting()));
            receiptsPerBatch.forEach(
                    (batch, count) ->
                            assertThat(count)
                                    .as("receipts of batch %s: all of its acks", batch)
                                    .isEqualTo(byBatch.get(Bytes32.fromHex(batch)).leafCount()));
            for (AckReceipt r : receipts) {
                AnchorEvent e = byBatch.get(Bytes32.fromHex(r.batchId()));
                assertThat(e).as("batch %s anchored", r.batchId()).isNotNull();
                assertThat(r.transactionHash()).isEqualTo(e.transactionHash());
                assertThat(r.blockNumber()).isEqualTo(e.blockNumber());
            }
            for (int i = 0; i < receipts.size(); i += 17) {
                AckReceipt r = receipts.get(i);
                assertThat(
                                ledger.verify(
                                        Bytes32.fromHex(r.batchId()),
                                        Bytes32.fromHex(r.leafDigest()),
                                        r.proof().stream().map(Bytes32::fromHex).toList()))
                        .as("the contract verifies receipt %s", r.leafDigest())
                        .isTrue();
            }
        }
    }
}
