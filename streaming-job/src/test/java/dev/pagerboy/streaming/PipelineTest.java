package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.config.Receiver;
import dev.pagerboy.streaming.functions.TestRoms;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
 * The whole {@link Pipeline} on a MiniCluster with parallelism 2, fed from bounded collections and
 * written to collecting sinks: the pages an on-call engineer would get from a small story of alerts
 * (a repeat, a re-delivery, a malformed record, a silence, an inhibition, a resolve), the dead
 * letters, and one archive row per input.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PipelineTest {

    /** Keeps every metric of finished jobs, so a test can read the pipeline's counters. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension flink = FlinkMiniCluster.extension(METRICS);

    /** The db route's handler: pages with severity error and counts alerts in its state. */
    private static final RouteRom DB_HANDLER = TestRoms.assemble("counter", TestRoms.COUNTER);

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60_000L;

    /** What the alerts topic held, in offset order; partitions interleave as Kafka would. */
    static List<RawInput> alertsTopic() {
        List<RawInput> records = new ArrayList<>();
        records.add(alert(0, 0, T0, "e1", "firing", labels("HostDown", "team", "db")));
        records.add(
                alert(1, 0, T0 + 10 * SECOND, "e2", "firing", labels("DiskFull", "team", "web")));
        records.add(alert(1, 1, T0 + 20 * SECOND, "e3", "firing", labels("Noisy", "team", "web")));
        records.add(
                alert(
                        0,
                        1,
                        T0 + 20 * SECOND,
                        "e4",
                        "firing",
                        labels("DbDown", "severity", "critical", "cluster", "eu")));
        records.add(
                alert(
                        1,
                        2,
                        T0 + 20 * SECOND,
                        "e5",
                        "firing",
                        labels("Latency", "severity", "warning", "cluster", "eu")));
        records.add(alert(0, 2, T0 + MINUTE, "e6", "firing", labels("HostDown", "team", "db")));
        records.add(alert(1, 3, T0 + 2 * MINUTE, "e1", "firing", labels("HostDown", "team", "db")));
        records.add(raw("alerts", 0, 3, T0 + 3 * MINUTE, "this is not JSON"));
        records.add(
                alert(0, 4, T0 + 10 * MINUTE, "e7", "resolved", labels("HostDown", "team", "db")));
        return records;
    }

    static List<RawInput> silencesTopic() {
        String quiet =
                "{\"id\":\"quiet\",\"matchers\":[\"alertname=\\\"Noisy\\\"\"],"
                        + "\"startsAt\":\""
                        + Instant.ofEpochMilli(T0)
                        + "\","
                        + "\"endsAt\":\""
                        + Instant.ofEpochMilli(T0 + 60 * MINUTE)
                        + "\","
                        + "\"createdBy\":\"alice\",\"comment\":\"known noisy\"}";
        return List.of(
                raw("silences", 0, 0, T0, quiet),
                raw("silences", 0, 1, T0 + SECOND, "{\"id\":\"broken\"}"));
    }

    static List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (long t = T0; t <= T0 + 20 * MINUTE; t += MINUTE) {
            ticks.add(new Tick(t));
        }
        return ticks;
    }

    @Test
    void pagesOnceForEachGroupChangeAndArchivesEveryInput() throws Exception {
        Run run = run(alertsTopic(), Duration.ZERO);

        assertThat(run.notifications)
                .extracting(n -> n.receiver() + " " + n.status() + " " + alertnames(n))
                .containsExactlyInAnyOrder(
                        "db-team firing [HostDown]", // group_wait after T0; the repeat is
                        // suppressed
                        "db-team resolved [HostDown]", // the resolve, at the next group_interval
                        "oncall firing [DiskFull]",
                        "oncall firing [DbDown]"); // Noisy is silenced, Latency inhibited by DbDown
        assertThat(run.notifications)
                .extracting(Notification::idempotencyKey)
                .doesNotHaveDuplicates();

        assertThat(run.deadLetters)
                .extracting(DeadLetter::topic, DeadLetter::offset)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alerts", 3L),
                        org.assertj.core.groups.Tuple.tuple("silences", 1L));

        Map<String, Long> rows = countByKind(run.archive);
        assertThat(rows)
                .containsEntry("alert_raw", 9L)
                .containsEntry("silence", 2L)
                .containsEntry("tick", (long) ticks().size())
                // One per alert: 8 parsed alerts, plus the 4 still firing when the input ends,
                // which dedup ends max_open_age after their last message (auto_resolved).
                .containsEntry("decision", 12L)
                .containsEntry("dead_letter", 2L)
                .containsEntry("notification", 4L)
                // Noisy, silenced; Latency, inhibited by DbDown: once each, not once per flush.
                .containsEntry("mute", 2L);
        // Schema v2 writes only inputs and the decisions that matter (docs/ARCHIVE.md).
        assertThat(rows.keySet())
                .containsExactlyInAnyOrder(
                        "alert_raw",
                        "silence",
                        "tick",
                        "decision",
                        "dead_letter",
                        "notification",
                        "mute",
                        // the incident stage: each page opens or updates an incident
                        "incident");
        assertThat(run.archive).extracting(ArchiveRecord::schemaVersion).containsOnly(2);
        assertThat(run.archive).extracting(ArchiveRecord::id).doesNotHaveDuplicates();
        assertThat(outcomes(run.archive, "decision"))
                .containsEntry("auto_resolved", 4L)
                .containsEntry("suppressed_repeat", 1L)
                .containsEntry("duplicate_delivery", 1L);
        assertThat(outcomes(run.archive, "mute"))
                .containsEntry("silenced", 1L)
                .containsEntry("inhibited", 1L);
        // The db route's ROM ran in the VM for the HostDown firing and its resolve.
        assertThat(
                        run.archive.stream()
                                .filter(r -> r.kind().text().equals("decision"))
                                .filter(
                                        r ->
                                                r.payloadJson()
                                                        .matches(
                                                                ".*\"romSha256\":\"[0-9a-f]{64}\".*"))
                                .filter(r -> r.payloadJson().contains("\"faultKind\":\"\"")))
                .hasSize(2);
        assertThat(run.notifications)
                .filteredOn(n -> n.receiver().equals("db-team"))
                .flatExtracting(Notification::alerts)
                .extracting(NotifiedAlert::severity)
                .containsOnly("error");

        assertThat(counter(run.jobId, "parse.recordsIn")).isEqualTo(9);
        assertThat(counter(run.jobId, "parse.deadLetters.invalid_JSON.*")).isEqualTo(1);
        assertThat(counter(run.jobId, "silences.deadLetters.*")).isEqualTo(1);
        assertThat(counter(run.jobId, "dedup.duplicatesSuppressed")).isEqualTo(2);
        assertThat(counter(run.jobId, "handler.runs")).isEqualTo(2);
        assertThat(counter(run.jobId, "handler.cycles")).isPositive();
        assertThat(counter(run.jobId, "handler.faults")).isZero();
        assertThat(counter(run.jobId, "group.notifications")).isEqualTo(4);
        assertThat(counter(run.jobId, "group.alertsSilenced")).isPositive();
        assertThat(counter(run.jobId, "group.alertsInhibited")).isPositive();
    }

    /** The sum over subtasks of the counters {@code pagerboy.<name>} (a regex) of one job. */
    private static long counter(JobID job, String name) {
        return METRICS.findMetrics(job, ".*pagerboy\\." + name + "$").values().stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    @Test
    void givesTheSameOutputWhateverTheOrderRecordsArriveIn() throws Exception {
        Run inOrder = run(alertsTopic(), Duration.ZERO);
        List<RawInput> shuffled = new ArrayList<>(alertsTopic());
        Collections.shuffle(shuffled, new Random(7));
        Run reordered = run(shuffled, Duration.ofMinutes(30));

        assertThat(sorted(reordered.notifications)).isEqualTo(sorted(inOrder.notifications));
        assertThat(sortedRows(reordered.archive).stream().map(ArchiveRecord::toString))
                .containsExactlyElementsOf(
                        sortedRows(inOrder.archive).stream().map(ArchiveRecord::toString).toList());
    }

    private record Run(
            JobID jobId,
            List<Notification> notifications,
            List<DeadLetter> deadLetters,
            List<ArchiveRecord> archive) {}

    private static Run run(List<RawInput> alerts, Duration outOfOrderness) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<RawInput> alertStream =
                env.fromData(alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forBoundedOutOfOrderness(outOfOrderness)
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        DataStream<Tick> tickStream =
                env.fromData(ticks(), TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> silenceStream =
                env.fromData(silencesTopic(), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        CollectingSink<Notification> notifications = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        CollectingSink<ArchiveRecord> archive = new CollectingSink<>();

        Pipeline.define(
                env,
                PipelineConfig.of(config()),
                new PipelineInputs(alertStream, tickStream, silenceStream),
                new PipelineOutputs(notifications, deadLetters, archive));
        JobID job = env.execute("pipeline-test").getJobID();

        return new Run(job, notifications.values(), deadLetters.values(), archive.values());
    }

    static PagerBoyConfig config() {
        RouteSpec db =
                new RouteSpec(
                        List.of(Matcher.equal("team", "db")),
                        false,
                        "db-team",
                        null,
                        null,
                        null,
                        null,
                        DB_HANDLER,
                        List.of());
        RouteSpec root =
                new RouteSpec(
                        List.of(),
                        false,
                        "oncall",
                        List.of("alertname"),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        null,
                        List.of(db));
        return TestConfigs.routing(
                root,
                List.of(new Receiver("oncall", null, "sre"), new Receiver("db-team", null, "db")));
    }

    private static RawInput alert(
            int partition,
            long offset,
            long time,
            String id,
            String status,
            Map<String, String> labels) {
        StringBuilder json =
                new StringBuilder("{\"version\":\"pagerboy/v1\",\"id\":\"" + id + "\"");
        json.append(",\"status\":\"").append(status).append("\",\"labels\":{");
        json.append(
                labels.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(",")));
        json.append("},\"annotations\":{\"summary\":\"")
                .append(labels.get("alertname"))
                .append("\"}");
        json.append(",\"startsAt\":").append(time);
        json.append(",\"endsAt\":")
                .append(status.equals("resolved") ? String.valueOf(time) : "null");
        json.append('}');
        return raw("alerts", partition, offset, time, json.toString());
    }

    private static RawInput raw(String topic, int partition, long offset, long time, String value) {
        return new RawInput(
                topic, partition, offset, time, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> labels(String alertname, String... pairs) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private static List<String> alertnames(Notification n) {
        return n.alerts().stream().map(NotifiedAlert::labels).map(l -> l.get("alertname")).toList();
    }

    private static Map<String, Long> countByKind(List<ArchiveRecord> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(r -> r.kind().text(), Collectors.counting()));
    }

    private static Map<String, Long> outcomes(List<ArchiveRecord> rows, String kind) {
        return rows.stream()
                .filter(r -> r.kind().text().equals(kind))
                .collect(Collectors.groupingBy(ArchiveRecord::outcome, Collectors.counting()));
    }

    private static List<Notification> sorted(List<Notification> notifications) {
        List<Notification> copy = new ArrayList<>(notifications);
        copy.sort(Comparator.comparing(Notification::idempotencyKey));
        return copy;
    }

    private static List<ArchiveRecord> sortedRows(List<ArchiveRecord> rows) {
        List<ArchiveRecord> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(ArchiveRecord::id));
        return copy;
    }
}
