package dev.pagerboy.replay;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A small history as the live job would have archived it: crafted alerts on two partitions of the
 * {@code alerts} topic, signed acks on the {@code acks} topic, ticks of the {@code ticks} topic
 * every 10 s, run through the same {@link Pipeline} into a Parquet archive, as a bounded job with
 * the live job's watermarks (5 s bounded out-of-orderness, records of one partition kept in one
 * parse subtask in offset order).
 */
final class LiveHistory {

    static final long T0 = 1_796_083_200_000L; // 2026-12-01T00:00:00Z
    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;

    private final List<RawInput> alerts = new ArrayList<>();
    private final List<Tick> ticks = new ArrayList<>();
    private final List<RawInput> acks = new ArrayList<>();
    private final long[] offsets = new long[2];

    /** A firing alert with these labels at {@code at} (partition by alertname+instance). */
    LiveHistory firing(long at, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        StringBuilder json = new StringBuilder("{");
        labels.forEach(
                (k, v) ->
                        json.append(json.length() > 1 ? "," : "")
                                .append('"')
                                .append(k)
                                .append("\":\"")
                                .append(v)
                                .append('"'));
        json.append('}');
        String body =
                "{\"version\":\"pagerboy/v1\",\"id\":\"a"
                        + alerts.size()
                        + "\",\"status\":\"firing\",\"labels\":"
                        + json
                        + ",\"annotations\":{\"summary\":\"test\"},\"startsAt\":"
                        + at
                        + ",\"endsAt\":null}";
        int partition = Math.floorMod(labels.toString().hashCode(), 2);
        alerts.add(
                new RawInput(
                        "alerts",
                        partition,
                        offsets[partition]++,
                        at,
                        labels.toString().getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** A record of the {@code acks} topic (a signed ack's JSON) written at {@code at}. */
    LiveHistory ack(long at, String json) {
        acks.add(
                new RawInput(
                        "acks", 0, acks.size(), at, null, json.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Ticks every 10 s from T0 to {@code until}. */
    LiveHistory ticksUntil(long until) {
        long offset = 0;
        for (long t = T0; t <= until; t += 10 * SECOND) {
            ticks.add(new Tick(t, "ticks", 0, offset++));
        }
        return this;
    }

    /** A history of {@code n} alerts over {@code minutes}, 3 alertnames, 5 instances, 2 teams. */
    static LiveHistory generated(int n, int minutes) {
        LiveHistory h = new LiveHistory();
        String[] names = {"NodeDown", "DiskFull", "HighLatency"};
        for (int i = 0; i < n; i++) {
            long at = T0 + (long) i * minutes * MINUTE / n;
            h.firing(
                    at,
                    "alertname",
                    names[i % 3],
                    "instance",
                    "host-" + (i % 5),
                    "team",
                    i % 2 == 0 ? "db" : "web",
                    "severity",
                    i % 7 == 0 ? "critical" : "warning");
        }
        return h.ticksUntil(T0 + (minutes + 10) * MINUTE);
    }

    /** Runs the pipeline over this history under {@code configFile}, archiving into {@code dir}. */
    void archive(Path configFile, Path dir) throws Exception {
        archive(configFile, dir, null);
    }

    /**
     * The same, with the archive's event hours sealed ({@code archive_root} rows) as the live job
     * seals them without a ledger: the roots are computed and archived, and not anchored.
     */
    void archiveSealed(Path configFile, Path dir) throws Exception {
        archive(configFile, dir, new DiscardingSink<>());
    }

    private void archive(Path configFile, Path dir, Sink<ArchiveHourRoot> hourRoots)
            throws Exception {
        Files.createDirectories(dir);
        PagerBoyConfig config = PagerBoyConfig.load(configFile);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        WatermarkStrategy<RawInput> raw =
                WatermarkStrategy.<RawInput>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                        .withTimestampAssigner((r, ts) -> r.timestamp());
        DataStream<RawInput> alertStream =
                env.fromData(alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(raw)
                        .setParallelism(1)
                        .partitionCustom((p, n) -> Math.floorMod(p, n), RawInput::partition);
        DataStream<Tick> tickStream =
                env.fromData(ticks, TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(5))
                                        .withTimestampAssigner((t, ts) -> t.eventTime()))
                        .setParallelism(1);
        DataStream<RawInput> silences =
                env.fromData(List.of(unrelatedSilence()), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(raw)
                        .setParallelism(1);
        PipelineInputs inputs =
                acks.isEmpty()
                        ? new PipelineInputs(alertStream, tickStream, silences)
                        : new PipelineInputs(
                                alertStream,
                                tickStream,
                                silences,
                                env.fromData(acks, TypeInformation.of(RawInput.class))
                                        .assignTimestampsAndWatermarks(raw)
                                        .setParallelism(1));
        Pipeline.define(
                env,
                PipelineConfig.of(config),
                inputs,
                new PipelineOutputs(
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        ParquetArchive.sink(
                                ArchiveLayout.at(dir.toUri().toString()).compactingEvery(1)),
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        hourRoots));
        env.execute("live history");
    }

    /** A silence that mutes nothing here (a bounded source cannot be empty). */
    private static RawInput unrelatedSilence() {
        String json =
                "{\"id\":\"none\",\"matchers\":[\"alertname=\\\"Nothing\\\"\"],"
                        + "\"startsAt\":\"2026-12-01T00:00:00Z\",\"endsAt\":\"2026-12-02T00:00:00Z\","
                        + "\"createdBy\":\"test\",\"comment\":\"\"}";
        return new RawInput("silences", 0, 0, T0, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
