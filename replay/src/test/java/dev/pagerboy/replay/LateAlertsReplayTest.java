package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.live.EscalatingConfig;
import dev.pagerboy.streaming.sources.TickClock;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts that reach the live job's dedup stage behind its watermark replay bit for bit (#17, #22).
 *
 * <p>The live job (Kafka sources, MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1
 * s idleness) first reads four alerts (0–300 s, one partition, in order) with its clock held at 0
 * s, then ticks up to 600 s. Its alerts partitions fall idle, so the ticks alone move its watermark
 * past 440 s. Only then do three alerts stamped 100–200 s arrive on both partitions, as from a
 * producer that lagged: a new firing (DiskFull), the resolve of the DbDown that fired at 0, and a
 * second HostDown instance. Dedup can only decide them at the next instant it has not decided,
 * {@code watermark + 1}, which scheduling picks. Then more ticks, and a stop with drain (a bounded
 * live run).
 *
 * <p>Replay holds its watermark at each archived input's own time. Before the fix it decided these
 * alerts there, at 100–200 s: DiskFull's group was born 500 s earlier than live, DbDown's incident
 * resolved before its escalations. Now dedup archives the time it applied each late alert at
 * ({@code late_input}, stage {@code dedup}) and replay applies it there: {@code replay --verify}
 * finds the archive identical.
 *
 * <p>Why the clock waits for the early alerts: when ticks ran ahead while an alerts partition was
 * still being assigned (a slow start), one run decided DbDown late at 300 s, which replay
 * reproduced, but then the incident stage met the group's first flush behind its watermark too, and
 * that stage's time for a flush is not recorded (docs/REPLAY.md, "Late alerts").
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateAlertsReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final String SUFFIX = "-late-alerts";
    private static final List<String> ROLES =
            List.of(
                    "alerts",
                    "silences",
                    "ticks",
                    "notifications",
                    "dead_letters",
                    "acks",
                    "incidents",
                    "receipts");

    /** Alerts the job reads before the late ones, and the late ones. */
    private static final int EARLY_ALERTS = 4;

    private static final int LATE_ALERTS = 3;

    @TempDir Path work;

    @Test
    void alertsDecidedBehindTheWatermarkReplayIdentically() throws Exception {
        Path configFile = writeConfig();
        PagerBoyConfig config = PagerBoyConfig.load(configFile);
        LiveJobTopics.createAll(KAFKA, config.kafka().topics(), 2);

        Path archive = work.resolve("archive");
        JobClient job;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            // The early alerts on one partition, in time order, and no tick past them until the
            // job has read them all: none of them can be late, however slowly the job starts.
            send(producer, 0, 0, alert("firing", "DbDown", "db1", 0, null));
            send(producer, 0, 40, alert("firing", "HostDown", "host1", 40, null));
            send(producer, 0, 70, pagerDutyTrigger("db-9"));
            send(producer, 0, 300, alert("resolved", "HostDown", "host1", 40, 300));
            ticks(producer, 0, 0);

            job = start(configFile, archive);
            awaitUntil(
                    job,
                    "the " + EARLY_ALERTS + " early alerts read",
                    () -> archived(archive, ArchiveKind.ALERT_RAW) >= EARLY_ALERTS);
            ticks(producer, 30, 600);
            // D's policy runs out at 440 s: once that is committed, the watermark is past 440 s,
            // far past the late alerts' own times.
            awaitUntil(
                    job,
                    "a committed incident update at 440 s or later",
                    () -> committedIncidentAtOrAfter(at(440)));

            send(producer, 0, 100, alert("firing", "DiskFull", "disk1", 100, null));
            send(producer, 1, 150, alert("firing", "HostDown", "host2", 150, null));
            send(producer, 0, 200, alert("resolved", "DbDown", "db1", 0, 200));
            ticks(producer, 630, 720);
        }
        awaitUntil(
                job,
                "a decision row for each of the " + (EARLY_ALERTS + LATE_ALERTS) + " alerts",
                () -> archived(archive, ArchiveKind.DECISION) >= EARLY_ALERTS + LATE_ALERTS);
        job.stopWithSavepoint(
                        true,
                        work.resolve("savepoint").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<ArchiveRecord> live = ParquetArchive.reader(archive).readAll();
        // The late alerts were decided after the watermark they missed, not at their own times.
        assertThat(
                        live.stream()
                                .filter(r -> r.kind() == ArchiveKind.DECISION)
                                .filter(r -> r.payloadJson().contains("lateByMillis"))
                                .count())
                .isEqualTo(LATE_ALERTS);

        ReplayResult result =
                new Replay(
                                new PrintStream(
                                        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .run(
                                new ReplayRequest(
                                        archive,
                                        configFile,
                                        Map.of(),
                                        ArchiveStretch.WHOLE,
                                        work.resolve("replay"),
                                        FlinkMiniCluster.PARALLELISM,
                                        Duration.ZERO,
                                        false));

        StringBuilder differences = new StringBuilder();
        result.comparison().differences().stream()
                .limit(10)
                .forEach(d -> differences.append(d.describe()).append('\n'));
        assertThat(result.comparison().identical()).as(differences.toString()).isTrue();
        assertThat(result.comparison().rowsPerKind())
                .hasEntrySatisfying("decision", n -> assertThat(n).isGreaterThanOrEqualTo(7))
                .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(10));
        // Each late alert's applied time was archived once, as an input of the dedup stage.
        List<String> late =
                live.stream()
                        .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                        .map(r -> r.outcome() + "@" + second(r.eventTime()))
                        .sorted()
                        .toList();
        assertThat(late).containsExactly("dedup@100", "dedup@150", "dedup@200");
    }

    private JobClient start(Path configFile, Path archive) throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(configFile)
                                .bootstrapServers(KAFKA.bootstrapServers())
                                .archive(ArchiveLayout.at(archive.toUri().toString()))
                                .parallelism(FlinkMiniCluster.PARALLELISM)
                                .restartAttempts(0)
                                .clock(ClockSource.TOPIC)
                                .tickClock(TickClock.REAL_TIME)
                                .tickInterval(Duration.ofSeconds(1))
                                .maxOutOfOrderness(Duration.ZERO)
                                .idleTimeout(Duration.ofSeconds(1))
                                .stopAtLatest(false)
                                .groupId("it-late-alerts")
                                .transactionalIdPrefix("it-late-alerts")
                                .transactionTimeout(Duration.ofMinutes(2))
                                .build());
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        return env.executeAsync("late alerts live");
    }

    /**
     * Waits for {@code condition}, failing at once with the job's own cause if the job ends first.
     */
    private static void awaitUntil(JobClient job, String what, CheckedCondition condition)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.met()) {
                return;
            }
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                try {
                    job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
                } catch (Exception failure) {
                    throw new AssertionError(
                            "the job ended " + status + " while waiting for " + what, failure);
                }
                throw new AssertionError("the job ended " + status + " before " + what);
            }
            Thread.sleep(200); // poll interval of a wait with a deadline
        }
        throw new AssertionError(
                "no " + what + " within " + DEADLINE + "; job " + job.getJobStatus().get());
    }

    /** A condition a wait polls; it may read Kafka or the archive. */
    @FunctionalInterface
    private interface CheckedCondition {
        boolean met() throws Exception;
    }

    private static boolean committedIncidentAtOrAfter(long time) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(topic("incidents"))) {
            JsonNode update = JSON.readTree(r.value());
            if (update.get("eventTime").asLong() >= time) {
                return true;
            }
        }
        return false;
    }

    private static long archived(Path archive, ArchiveKind kind) throws Exception {
        if (!Files.isDirectory(archive)) {
            return 0;
        }
        return ParquetArchive.reader(archive).readAll().stream()
                .filter(r -> r.kind() == kind)
                .count();
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, int partition, int second, String value)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topic("alerts"),
                                partition,
                                at(second),
                                null,
                                value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static void ticks(KafkaProducer<byte[], byte[]> producer, int from, int to)
            throws Exception {
        for (int s = from; s <= to; s += 30) {
            producer.send(new ProducerRecord<>(topic("ticks"), 0, at(s), null, new byte[0])).get();
        }
    }

    private static String topic(String role) {
        return role.replace('_', '-') + SUFFIX;
    }

    private static long at(int second) {
        return T0 + second * 1000L;
    }

    private static int second(long time) {
        return (int) ((time - T0) / 1000);
    }

    /** A native alert; {@code endedAt} (seconds) only for a resolve. */
    private static String alert(
            String status, String alertname, String instance, int started, Integer endedAt) {
        String endsAt = endedAt == null ? "null" : "\"" + Instant.ofEpochMilli(at(endedAt)) + "\"";
        return "{\"version\":\"pagerboy/v1\",\"id\":\""
                + alertname
                + instance
                + status
                + "\",\"status\":\""
                + status
                + "\",\"labels\":{\"alertname\":\""
                + alertname
                + "\",\"instance\":\""
                + instance
                + "\"},\"annotations\":{\"summary\":\"test\"},\"startsAt\":\""
                + Instant.ofEpochMilli(at(started))
                + "\",\"endsAt\":"
                + endsAt
                + "}";
    }

    private static String pagerDutyTrigger(String key) {
        return "{\"routing_key\":\"r-ops\",\"event_action\":\"trigger\",\"dedup_key\":\""
                + key
                + "\",\"payload\":{\"summary\":\"db-9 down\",\"source\":\"db-9\","
                + "\"severity\":\"critical\"}}";
    }

    private Path writeConfig() throws Exception {
        StringBuilder kafka = new StringBuilder();
        kafka.append("kafka:\n");
        kafka.append("  bootstrap_servers: localhost:1   # replaced by the embedded broker's\n");
        kafka.append("  topics:\n");
        for (String role : ROLES) {
            kafka.append("    ").append(role).append(": ").append(topic(role)).append('\n');
        }
        Path file = work.resolve("pagerboy.yaml");
        Files.writeString(file, EscalatingConfig.yaml(kafka.toString()));
        return file;
    }
}
