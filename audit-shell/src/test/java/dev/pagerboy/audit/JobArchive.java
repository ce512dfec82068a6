package dev.pagerboy.audit;

import dev.pagerboy.streaming.Pipeline;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.PipelineOutputs;
import dev.pagerboy.streaming.anchor.ArchiveHourRoot;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * An archive written by the real job: a small bounded {@link Pipeline} run on a local Flink
 * MiniCluster (parallelism 2) into the Parquet archive, once per test JVM. Its input, which the
 * tests' expected figures follow from:
 *
 * <ul>
 *   <li>10:00–10:02 UTC: three {@code DiskFull} warnings (instances a, b, c): one group, route to
 *       {@code oncall};
 *   <li>11:05–11:06: two critical {@code HostDown} alerts: one group, route to {@code
 *       pager-critical};
 *   <li>11:10: one record that is not JSON: a dead letter;
 *   <li>a clock tick every minute from 10:00 to 12:59, so every group's flush falls due.
 * </ul>
 *
 * So the archive holds 6 {@code alert_raw} rows (3 in hour 10, 3 in hour 11), 1 {@code
 * dead_letter}, and pages from both routes.
 */
public final class JobArchive {

    static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;

    private static Path written;

    private JobArchive() {}

    /** The archive directory, written on first use. */
    public static synchronized Path dir() throws Exception {
        if (written == null) {
            Path dir = Files.createTempDirectory("audit-archive");
            write(dir, null);
            written = dir;
        }
        return written;
    }

    /**
     * Runs the job over this input into {@code dir}; with {@code hourRoots} the job seals the
     * archive's hours (archive_root rows) and hands their roots to it ({@link SealedArchive}).
     */
    static void write(Path dir, Sink<ArchiveHourRoot> hourRoots) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        List<RawInput> alerts = new ArrayList<>();
        alerts.add(alert(0, T0, "DiskFull", "a", "warning"));
        alerts.add(alert(1, T0 + MINUTE, "DiskFull", "b", "warning"));
        alerts.add(alert(2, T0 + 2 * MINUTE, "DiskFull", "c", "warning"));
        alerts.add(alert(3, T0 + 65 * MINUTE, "HostDown", "d", "critical"));
        alerts.add(alert(4, T0 + 66 * MINUTE, "HostDown", "e", "critical"));
        alerts.add(
                new RawInput(
                        "alerts",
                        1,
                        5,
                        T0 + 70 * MINUTE,
                        null,
                        "not json".getBytes(StandardCharsets.UTF_8)));
        List<Tick> ticks = new ArrayList<>();
        for (int m = 0; m < 180; m++) {
            ticks.add(new Tick(T0 + m * MINUTE));
        }
        DataStream<RawInput> alertStream =
                env.fromData(alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        DataStream<Tick> tickStream =
                env.fromData(ticks, TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> silences =
                env.fromData(List.of(unrelatedSilence()), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        Path.of(JobArchive.class.getResource("/audit-test.yaml").toURI()));
        Pipeline.define(
                env,
                PipelineConfig.of(config),
                new PipelineInputs(alertStream, tickStream, silences),
                new PipelineOutputs(
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        ParquetArchive.sink(
                                ArchiveLayout.at(dir.toUri().toString()).compactingEvery(1)),
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        hourRoots));
        env.execute("audit-shell test archive");
    }

    private static RawInput alert(
            int offset, long at, String name, String instance, String severity) {
        String json =
                "{\"version\":\"pagerboy/v1\",\"id\":\"x"
                        + offset
                        + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\""
                        + name
                        + "\",\"instance\":\""
                        + instance
                        + "\",\"severity\":\""
                        + severity
                        + "\"},\"startsAt\":"
                        + at
                        + ",\"endsAt\":null}";
        return new RawInput(
                "alerts", offset % 2, offset, at, null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A silence that mutes nothing (a bounded source cannot be empty). */
    private static RawInput unrelatedSilence() {
        String json =
                "{\"id\":\"none\",\"matchers\":[\"alertname=\\\"Nothing\\\"\"],"
                        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-02T00:00:00Z\","
                        + "\"createdBy\":\"test\",\"comment\":\"\"}";
        return new RawInput("silences", 0, 0, T0, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
