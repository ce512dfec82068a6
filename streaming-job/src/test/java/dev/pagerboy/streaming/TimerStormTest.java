package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 open groups whose timers are all released by one watermark jump across an eleven-month
 * gap, with the real Parquet archive behind them and checkpoints every second, aligned and over the
 * live job's network settings ({@code LiveJob.network}): no checkpoint may fail or expire, and the
 * job must finish with every page. Each group flushes until its input has been silent for {@code
 * catch_up_after} and once more when the input resumes, not once per missed interval. The test
 * prints the longest checkpoint and where it spent its time ({@link CheckpointBreakdown});
 * durations are measured (docs/BENCHMARKS.md, "Timer storms with aligned checkpoints"), never
 * asserted.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TimerStormTest {

    /** Keeps the finished job's metrics, so the test can count flushes (they are not archived). */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension flink =
            FlinkMiniCluster.extension(METRICS, LiveJob.network(clusterSettings()));

    /**
     * Checkpoint statistics of a whole run (Flink keeps the last ten), so that the breakdown shows
     * the storm's checkpoint and not only the last ones.
     */
    private static Configuration clusterSettings() {
        Configuration conf = new Configuration();
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 200);
        return conf;
    }

    private static final long T0 = 1_767_225_600_000L;
    private static final long HOUR = 3_600_000L;
    private static final long GAP = 330 * 24 * HOUR;
    private static final int GROUPS = 10_000;

    /**
     * The storm is the end of input: the only watermark is the last one. With timers fired in
     * steps, Flink 2.2 lets the end of data overtake the rest of an interrupted advance
     * (FLINK-39481): no page came out before {@link
     * dev.pagerboy.streaming.functions.GroupOperator#finish()} fired the rest, which it does in one
     * go.
     */
    @Test
    void tenThousandGroupsReleasedAtOnceLetCheckpointsComplete(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
        List<Tick> ticks = List.of(new Tick(T0), new Tick(T0 + GAP), new Tick(T0 + GAP + HOUR));
        storm(cluster, dir, ticks, Duration.ofDays(1), 0);
    }

    /**
     * The storm is released by a watermark in the middle of the input, as in a live job that
     * catches up, and input goes on while it is fired: ticks a second apart for 5 s, then a tick a
     * minute of event time after the gap, each read at most one per {@link #PACE_MILLIS} (the
     * interval of watermarks is 100 ms, checkpoints every second). Dedup's and the group stage's
     * timers fire in steps here, with input and checkpoints between.
     */
    @Test
    void aStormInTheMiddleOfTheInputLetsCheckpointsComplete(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
        List<Tick> ticks = new ArrayList<>();
        for (int k = 0; k < HEAD_TICKS; k++) {
            ticks.add(new Tick(T0 + k * 1_000L)); // past group_wait, short of group_interval
        }
        for (int k = 0; k < TAIL_TICKS; k++) {
            ticks.add(new Tick(T0 + GAP + k * 60_000L));
        }
        storm(cluster, dir, ticks, Duration.ofMillis(100), PACE_MILLIS);
    }

    /**
     * Ticks a second apart before the gap in the mid-input storm, read in 5 s: the storm comes
     * after the first checkpoints, not while the tasks start.
     */
    private static final int HEAD_TICKS = 250;

    /** Ticks a minute apart after the gap, read in 30 s: the input goes on during the storm. */
    private static final int TAIL_TICKS = 1_500;

    private static final long PACE_MILLIS = 20;

    private void storm(
            MiniCluster cluster,
            Path dir,
            List<Tick> ticks,
            Duration watermarkInterval,
            long paceMillis)
            throws Exception {
        // The live job's network settings (its TaskManagers' are the cluster's, above).
        Configuration conf = LiveJob.network(new Configuration());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        // On a machine shared with other builds (load average ~35 on 2 cores) one of three runs
        // had a checkpoint take longer than 30 s while the storm was written.
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(2));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("cp").toUri().toString());
        // Aligned, as LiveJob sets them (docs/BENCHMARKS.md, "The history run's stall"), and the
        // dedup and group stages fire due timers in steps (TimerSlices).
        // -Dpagerboy.storm.unsliced=true fires each watermark's timers in one go, to compare.
        boolean unsliced = Boolean.getBoolean("pagerboy.storm.unsliced");
        if (unsliced) {
            conf.setString("pagerboy.timers.per-step", "0");
        }
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, watermarkInterval);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(FlinkMiniCluster.PARALLELISM);

        List<RawInput> alerts = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            alerts.add(firing(i));
        }
        DataStream<RawInput> alertStream =
                env.fromData(alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        DataStream<Tick> tickStream =
                env.fromData(ticks, TypeInformation.of(Tick.class))
                        .map(new Paced<>(paceMillis))
                        .returns(Tick.class)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()))
                        .setParallelism(1);
        DataStream<RawInput> silences =
                env.fromData(List.of(firing(-1)), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        CollectingSink<Notification> notifications = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        PagerBoyConfig config = LongHistoryDeterminismTest.config();
        Pipeline.define(
                env,
                new PipelineConfig(
                        config, AlertLifecycle.DEFAULTS.withCatchUpAfter(Duration.ofHours(1))),
                new PipelineInputs(alertStream, tickStream, silences),
                new PipelineOutputs(
                        notifications,
                        deadLetters,
                        ParquetArchive.sink(
                                ArchiveLayout.at(dir.resolve("archive").toUri().toString())
                                        .compactingEvery(1))));

        JobClient job = env.executeAsync("timer-storm");
        JobID id = job.getJobID();
        job.getJobExecutionResult().get(4, TimeUnit.MINUTES);

        CheckpointStatsSnapshot stats =
                cluster.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot();
        CheckpointStatsCounts counts = stats.getCounts();
        List<String> failures = new ArrayList<>();
        for (AbstractCheckpointStats c : stats.getHistory().getCheckpoints()) {
            if (c instanceof FailedCheckpointStats failed) {
                failures.add(failed.getFailureMessage());
            }
        }
        // Over every completed checkpoint (the history above keeps the last 200).
        long longest = stats.getSummaryStats().getEndToEndDurationStats().getMaximum();
        System.out.printf(
                "timer storm (%s, %s): %d checkpoints completed, %d failed, longest %d ms: %s%n",
                ticks.size() > 3 ? "mid-input" : "end of input",
                unsliced ? "unsliced" : "timers in steps",
                counts.getNumberOfCompletedCheckpoints(),
                counts.getNumberOfFailedCheckpoints(),
                longest,
                failures);
        System.out.println(
                CheckpointBreakdown.ofLongest(cluster.getArchivedExecutionGraph(id).get()));
        long incidentStepsCut = sum(id, ".*pagerboy\\.incidents\\.timerStepsCut$");
        System.out.printf(
                "timer steps cut: group %d, dedup %d, incidents %d%n",
                sum(id, ".*pagerboy\\.group\\.timerStepsCut$"),
                sum(id, ".*pagerboy\\.dedup\\.timerStepsCut$"),
                incidentStepsCut);
        if (!unsliced) {
            // The group stage's flushes all reach the incident stage before the watermark that
            // makes them due: its timers come as one storm too, and fire in steps.
            assertThat(incidentStepsCut)
                    .as("incident stage's advances cut into steps")
                    .isPositive();
        }
        // Checkpoints triggered while tasks start or after they finish are declined (Flink's
        // start-up and end of a bounded job); none may expire or fail because of the storm.
        assertThat(failures)
                .allMatch(
                        m ->
                                m.contains("tasks not ready")
                                        || m.contains("task is closing")
                                        || m.contains("unknown task")
                                        || m.contains("suspending"),
                        "only start-up and shut-down declines");
        assertThat(counts.getNumberOfCompletedCheckpoints()).isPositive();
        // Per group: the page at group_wait, and the resolve when dedup ends the alert at its
        // max_open_age (30 days, inside the gap), told by one catch-up flush at that time.
        assertThat(notifications.values()).hasSize(2 * GROUPS);
        assertThat(notifications.values())
                .filteredOn(n -> n.status().equals("resolved"))
                .hasSize(GROUPS);
        long flushes = sum(id, ".*pagerboy\\.group\\.flushes$");
        assertThat(flushes).isPositive().isLessThan(20 * GROUPS);
        // A flush that sends nothing is not archived: the pages are the only group rows.
        List<ArchiveRecord> rows = ParquetArchive.reader(dir.resolve("archive")).readAll();
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.NOTIFICATION))
                .hasSize(2 * GROUPS);
    }

    /** The sum over subtasks of the counters whose identifier matches {@code pattern}. */
    private static long sum(JobID id, String pattern) {
        return METRICS.findMetrics(id, pattern).values().stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    /**
     * Passes records on, at most one per {@code millis} after the first two: paces a bounded source
     * so that the job is still reading when the storm is fired (a pace, not a wait for a condition;
     * the source task takes checkpoints between records).
     */
    private static final class Paced<T> implements MapFunction<T, T> {
        private final long millis;
        private int seen;

        Paced(long millis) {
            this.millis = millis;
        }

        @Override
        public T map(T value) throws Exception {
            if (millis > 0 && ++seen > 2) {
                Thread.sleep(millis);
            }
            return value;
        }
    }

    private static RawInput firing(int i) {
        String json =
                "{\"version\":\"pagerboy/v1\",\"id\":\"s"
                        + i
                        + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\"Storm\","
                        + "\"instance\":\"n"
                        + i
                        + "\",\"severity\":\"warning\"},\"startsAt\":"
                        + T0
                        + ",\"endsAt\":null}";
        return new RawInput(
                i < 0 ? "silences" : "alerts",
                Math.floorMod(i, 2),
                Math.max(i, 0),
                T0,
                null,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
