package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.RunningMetrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether anchoring keeps up with a given ack rate on Anvil (docs/BENCHMARKS.md, "Anchoring sink"):
 * {@code -Dpagerboy.bench.ackRate=10000 -Dpagerboy.bench.seconds=30} feeds that many accepted acks
 * per second through {@link AckAnchorSink} (with receipts and archive rows) on a MiniCluster
 * (parallelism 2, checkpoints every second) against a real Anvil, samples the un-anchored backlog
 * gauges, and prints the figures. It keeps up if the backlog stays at about one checkpoint's worth
 * and the run ends soon after the source's last ack. A measurement, not a check: it asserts only
 * that every ack was anchored.
 */
@Tag("integration")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@EnabledIfSystemProperty(named = "pagerboy.bench.ackRate", matches = "\\d+")
class AnchoringBenchTest {

    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension flink = FlinkMiniCluster.extension(METRICS);

    @TempDir Path dir;

    @Test
    void anchoringKeepsUpWithTheAckRate() throws Exception {
        int rate = Integer.getInteger("pagerboy.bench.ackRate");
        int seconds = Integer.getInteger("pagerboy.bench.seconds", 30);
        int acks = rate * seconds;
        try (AnvilNode anvil = AnvilNode.start()) {
            LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
            CommittedValues<AckReceipt> receipts = new CommittedValues<>();
            CommittedValues<ArchiveRecord> rows = new CommittedValues<>();

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(1000);
            env.fromSource(
                            new DataGeneratorSource<>(
                                    TestAcks::ack,
                                    acks,
                                    RateLimiterStrategy.perSecond(rate),
                                    TypeInformation.of(AckLeaf.class)),
                            WatermarkStrategy.noWatermarks(),
                            "acks")
                    .sinkTo(
                            new AckAnchorSink(
                                    ledger,
                                    ledger.contract(),
                                    AnchorRetry.DEFAULT,
                                    new ReceiptOutputs<>(receipts, rows),
                                    null))
                    .uid("anchor"); // its post-commit topology names its operators

            long cpuStart = processCpuNanos();
            long started = System.nanoTime();
            JobClient job = env.executeAsync("anchoring-bench");
            long maxBatches = 0;
            long maxLeaves = 0;
            long restarts = 0;
            CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
            while (!result.isDone()) {
                maxBatches = Math.max(maxBatches, gauge(job.getJobID(), "backlogBatches"));
                maxLeaves = Math.max(maxLeaves, gauge(job.getJobID(), "backlogLeaves"));
                restarts =
                        Math.max(
                                restarts,
                                RunningMetrics.gaugeSum(
                                        METRICS, job.getJobID(), ".*\\.numRestarts$"));
                try {
                    result.get(200, TimeUnit.MILLISECONDS); // the sampling period
                } catch (TimeoutException stillRunning) {
                    // sample again
                }
            }
            result.get();
            double wall = (System.nanoTime() - started) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            long batches;
            long anchoredAcks;
            try (var client = ledger.connect()) {
                var events = client.latestAnchors(1_000_000);
                batches = events.size();
                anchoredAcks = events.stream().mapToLong(e -> e.leafCount()).sum();
            }
            // count the chain: the receipts only show what reached the receipts sink
            assertThat(anchoredAcks).isEqualTo(acks);
            System.out.printf(
                    Locale.ROOT,
                    "anchoring bench: rate=%d acks=%d receipts=%d wall_s=%.1f acks_per_s=%.0f batches=%d"
                            + " acks_per_batch=%.0f max_backlog_batches=%d max_backlog_leaves=%d"
                            + " cpu_s=%.1f cpu_us_per_ack=%.1f restarts=%d%n",
                    rate,
                    acks,
                    receipts.values().size(),
                    wall,
                    acks / wall,
                    batches,
                    (double) acks / batches,
                    maxBatches,
                    maxLeaves,
                    cpu,
                    cpu * 1e6 / acks,
                    restarts);
        }
    }

    /** Summed over the writer subtasks running now (a restart leaves the old ones' behind). */
    private static long gauge(JobID job, String name) {
        return RunningMetrics.gaugeSum(METRICS, job, ".*pagerboy\\.anchor\\." + name + "$");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
