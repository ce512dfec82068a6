package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * A late alert through the whole {@link Pipeline} on a MiniCluster: a resolve whose event time the
 * watermark has already passed. It must not be lost: it is archived (raw, parsed, dedup verdict
 * with its lateness, the time it was decided at as a {@code late_input} row), counted in {@code
 * pagerboy.dedup.lateAlerts}, and its group tells the resolve at the next {@code group_interval}
 * after the watermark.
 *
 * <p>To make it late for certain, the alerts stream holds the late record back until dedup has
 * decided the alert before it (its row is in the archive sink), so dedup's watermark is then
 * exactly the previous alert's event time: watermarks are punctuated, one per alert, at its time.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LateAlertPipelineTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension flink = FlinkMiniCluster.extension(METRICS);

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MINUTE = 60_000L;
    private static final long WATERMARK = T0 + 20 * MINUTE;

    @Test
    void aLateResolveIsArchivedCountedAndToldAfterTheWatermark() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CollectingSink<Notification> notifications = new CollectingSink<>();
        CollectingSink<ArchiveRecord> archive = new CollectingSink<>();
        List<RawInput> alerts =
                List.of(
                        hostDown(0, T0, "e1", "firing"),
                        hostDown(1, WATERMARK, "e2", "firing"), // a repeat: suppressed
                        hostDown(2, T0 + 5 * MINUTE, "e3", "resolved")); // late by 15 min
        DataStream<RawInput> alertStream =
                env.fromData(alerts, TypeInformation.of(RawInput.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forGenerator(
                                                ctx -> new WatermarkAtEachAlert())
                                        .withTimestampAssigner((r, ts) -> r.timestamp()))
                        .setParallelism(1)
                        .map(new HoldBack(2, "decision:alerts/0/1", archive))
                        .setParallelism(1);
        List<Tick> ticks = new ArrayList<>();
        for (long t = T0; t <= T0 + 30 * MINUTE; t += MINUTE) {
            ticks.add(new Tick(t));
        }
        DataStream<Tick> tickStream =
                env.fromData(ticks, TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> noSilences =
                env.fromData(List.of(hostDown(0, T0, "none", "firing")))
                        .filter(r -> false)
                        .returns(RawInput.class);

        Pipeline.define(
                env,
                PipelineConfig.of(PipelineTest.config()),
                new PipelineInputs(alertStream, tickStream, noSilences),
                new PipelineOutputs(notifications, new CollectingSink<>(), archive));
        JobID job = env.execute("late-alert").getJobID();

        List<ArchiveRecord> rows = archive.values();
        assertThat(rows)
                .extracting(ArchiveRecord::id)
                .contains("alert_raw:alerts/0/2", "decision:alerts/0/2");
        ArchiveRecord lateVerdict = row(rows, "decision:alerts/0/2");
        assertThat(lateVerdict.outcome()).isEqualTo("resolved");
        assertThat(lateVerdict.eventTime()).isEqualTo(WATERMARK + 1);
        assertThat(lateVerdict.payloadJson())
                .contains("\"lateByMillis\":" + (WATERMARK + 1 - (T0 + 5 * MINUTE)));
        assertThat(row(rows, "decision:alerts/0/1").payloadJson()).doesNotContain("lateByMillis");
        assertThat(counter(job, "dedup.lateAlerts")).isEqualTo(1);
        // The decision time is archived as an input, for replay (LateInput.DEDUP).
        ArchiveRecord applied = row(rows, "late_input:alerts/0/2");
        assertThat(applied.outcome()).isEqualTo("dedup");
        assertThat(applied.payloadJson()).contains("\"appliedAt\":" + (WATERMARK + 1));
        assertThat(rows).filteredOn(r -> r.kind().text().equals("late_input")).hasSize(1);

        // group_wait 30 s, group_interval 5 min: the resolve is told at the first flush after
        // the watermark, not at a flush in the past.
        assertThat(notifications.values())
                .extracting(n -> n.status() + "@" + (n.eventTime() - T0) / 1000)
                .containsExactlyInAnyOrder("firing@30", "resolved@1230");
    }

    private static ArchiveRecord row(List<ArchiveRecord> rows, String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static long counter(JobID job, String name) {
        return METRICS.findMetrics(job, ".*pagerboy\\." + name + "$").values().stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    private static RawInput hostDown(long offset, long time, String id, String status) {
        String json =
                "{\"version\":\"pagerboy/v1\",\"id\":\""
                        + id
                        + "\",\"status\":\""
                        + status
                        + "\",\"labels\":{\"alertname\":\"HostDown\",\"team\":\"db\"},"
                        + "\"annotations\":{\"summary\":\"HostDown\"},\"startsAt\":"
                        + T0
                        + ",\"endsAt\":"
                        + (status.equals("resolved") ? String.valueOf(time) : "null")
                        + "}";
        return new RawInput("alerts", 0, offset, time, null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A watermark right after each alert, at its event time (never going back). */
    private static final class WatermarkAtEachAlert implements WatermarkGenerator<RawInput> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(RawInput event, long eventTimestamp, WatermarkOutput output) {
            max = Math.max(max, eventTimestamp);
            output.emitWatermark(new Watermark(max));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /**
     * Lets records through, but holds the one at {@code offset} until the archive sink holds the
     * row {@code awaitedRow}: a decision that needs the watermark of the records before it.
     */
    private static final class HoldBack implements MapFunction<RawInput, RawInput> {
        private final long offset;
        private final String awaitedRow;
        private final CollectingSink<ArchiveRecord> archive;

        HoldBack(long offset, String awaitedRow, CollectingSink<ArchiveRecord> archive) {
            this.offset = offset;
            this.awaitedRow = awaitedRow;
            this.archive = archive;
        }

        @Override
        public RawInput map(RawInput record) throws Exception {
            if (record.offset() != offset) {
                return record;
            }
            await(awaitedRow + " in the archive")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(
                            () ->
                                    archive.values().stream()
                                            .anyMatch(r -> r.id().equals(awaitedRow)));
            return record;
        }
    }
}
