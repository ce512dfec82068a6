package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.config.Receiver;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.TestConfigs;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two bounded runs of the whole {@link Pipeline} over years of generated outage history (outages
 * longer than a day, short and long gaps, a two-month pause) that differ only in how far the job
 * reads ahead of event time: one advances the watermark every millisecond, the other not before the
 * input has ended, so every timer races with every record that was already read. Both must give the
 * same archive and the same notifications.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LongHistoryDeterminismTest {

    /** Keeps finished jobs' metrics, to tell how often the sliced run read between slices. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension flink = FlinkMiniCluster.extension(METRICS);

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void readAheadDoesNotChangeAnyDecision() throws Exception {
        HistoryInputs history =
                new HistoryInputs(22L, T0, 3 * 365, 40, 20.0, 6 * HistoryInputs.HOUR);
        assertThat(history.longerThan(HistoryInputs.DAY)).isPositive();
        assertThat(history.longerThan(2 * HistoryInputs.DAY)).isPositive();

        Run closeBehind = run(history, ReadAhead.CLOSE_BEHIND);
        Run farAhead = run(history, ReadAhead.FAR_AHEAD);
        Run sliced = run(history, ReadAhead.SLICED);

        assertThat(closeBehind.notifications).isNotEmpty();
        assertThat(sorted(farAhead.notifications, Notification::idempotencyKey))
                .isEqualTo(sorted(closeBehind.notifications, Notification::idempotencyKey));
        assertThat(farAhead.archive.size()).isEqualTo(closeBehind.archive.size());
        assertThat(sorted(farAhead.archive, ArchiveRecord::id))
                .isEqualTo(sorted(closeBehind.archive, ArchiveRecord::id));
        // Dedup's, the group and the incident stage's timers fired in steps, with checkpoints
        // and input between.
        assertThat(sliced.cut()).as("timer advances cut into steps").isPositive();
        assertThat(sorted(sliced.notifications, Notification::idempotencyKey))
                .isEqualTo(sorted(closeBehind.notifications, Notification::idempotencyKey));
        assertThat(sorted(sliced.archive, ArchiveRecord::id))
                .isEqualTo(sorted(closeBehind.archive, ArchiveRecord::id));
        // Every row has its own id, ticks of both partitions included.
        assertThat(closeBehind.archive).extracting(ArchiveRecord::id).doesNotHaveDuplicates();
        // Every outage was told resolved: no resolve was dropped as resolved_not_firing.
        assertThat(closeBehind.archive)
                .filteredOn(r -> r.kind() == ArchiveKind.DECISION)
                .extracting(ArchiveRecord::outcome)
                .doesNotContain("resolved_not_firing");
    }

    private record Run(List<Notification> notifications, List<ArchiveRecord> archive, long cut) {}

    private static <T> List<T> sorted(List<T> values, java.util.function.Function<T, String> key) {
        return values.stream().sorted(Comparator.comparing(key)).toList();
    }

    /** How far the job reads ahead of event time, and how the stages' timers fire. */
    private enum ReadAhead {
        /** A watermark right behind every record; each watermark's timers fire in one go. */
        CLOSE_BEHIND,
        /**
         * No watermark before the end of input: every timer races every record already read. Timers
         * fire in steps, as the live job's (TimerSlices).
         */
        FAR_AHEAD,
        /**
         * A watermark every 5 ms, aligned checkpoints every 20 ms as the live job takes them, and
         * short steps of dedup's and the group stage's timers (16 per step): a watermark's timers
         * fire in many steps, with input and checkpoints read in between.
         */
        SLICED
    }

    private static Run run(HistoryInputs history, ReadAhead readAhead) throws Exception {
        Configuration conf = new Configuration();
        if (readAhead == ReadAhead.CLOSE_BEHIND) {
            conf.setString("pagerboy.timers.per-step", "0");
        }
        if (readAhead == ReadAhead.SLICED) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(20));
            conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
            conf.setString("pagerboy.timers.per-step", "16");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.getConfig()
                .setAutoWatermarkInterval(
                        readAhead == ReadAhead.SLICED ? 5 : TimeUnit.DAYS.toMillis(1));
        boolean watermarkPerRecord = readAhead == ReadAhead.CLOSE_BEHIND;
        DataStream<RawInput> alerts =
                env.fromData(history.alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                watermarks(
                                        watermarkPerRecord,
                                        (RawInput r, long ts) -> r.timestamp()));
        DataStream<Tick> ticks =
                env.fromData(history.ticks, TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                watermarks(watermarkPerRecord, (Tick t, long ts) -> t.eventTime()));
        DataStream<RawInput> silences =
                env.fromData(List.of(unrelatedSilence()), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        CollectingSink<Notification> notifications = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<ArchiveRecord> archive = new CollectingSink<>();
        Pipeline.define(
                env,
                PipelineConfig.of(config()),
                new PipelineInputs(alerts, ticks, silences),
                new PipelineOutputs(notifications, deadLetters, archive));
        JobID id = env.execute("long-history " + readAhead).getJobID();
        long between =
                METRICS
                        .findMetrics(id, ".*pagerboy\\.group\\.inputsBetweenTimerSlices$")
                        .values()
                        .stream()
                        .mapToLong(m -> ((Counter) m).getCount())
                        .sum();
        long cut =
                METRICS
                        .findMetrics(id, ".*pagerboy\\.(group|dedup|incidents)\\.timerStepsCut$")
                        .values()
                        .stream()
                        .mapToLong(m -> ((Counter) m).getCount())
                        .sum();
        System.out.printf(
                "long history %s: %d timer advances cut, %d inputs read between timer steps%n",
                readAhead, cut, between);
        return new Run(notifications.values(), archive.values(), cut);
    }

    private static <T> WatermarkStrategy<T> watermarks(
            boolean perRecord, SerializableTimestampAssigner<T> timestamps) {
        if (!perRecord) {
            return WatermarkStrategy.<T>forMonotonousTimestamps().withTimestampAssigner(timestamps);
        }
        return WatermarkStrategy.<T>forGenerator(
                        ctx ->
                                new WatermarkGenerator<T>() {
                                    @Override
                                    public void onEvent(T event, long ts, WatermarkOutput out) {
                                        out.emitWatermark(new Watermark(ts - 1));
                                    }

                                    @Override
                                    public void onPeriodicEmit(WatermarkOutput out) {}
                                })
                .withTimestampAssigner(timestamps);
    }

    /** A silence that mutes nothing of the history (a bounded source cannot be empty). */
    private static RawInput unrelatedSilence() {
        String json =
                "{\"id\":\"none\",\"matchers\":[\"alertname=\\\"Nothing\\\"\"],"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-02T00:00:00Z\","
                        + "\"createdBy\":\"test\",\"comment\":\"\"}";
        return new RawInput(
                "silences", 0, 0, T0, null, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One route per node, critical outages muting warnings of their cluster. */
    static PagerBoyConfig config() {
        RouteSpec root =
                new RouteSpec(
                        List.of(),
                        false,
                        "oncall",
                        List.of("alertname", "instance"),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        Duration.ofHours(4),
                        null,
                        List.of());
        return TestConfigs.routing(root, List.of(new Receiver("oncall", null, "sre")));
    }
}
