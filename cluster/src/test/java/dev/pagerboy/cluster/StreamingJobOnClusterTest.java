package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.cluster.testing.FlinkClusterExtension;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real Flink cluster, submitted as an SRE would: {@code flink run -d -c
 * dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --config pagerboy.yaml} through Flink's CLI
 * in its own JVM, to a JobManager and a TaskManager in two more JVMs, with the embedded Kafka
 * broker. This is the one test where the job runs only on what the jar carries plus a Flink
 * installation's {@code lib/}: a class missing from the jar, or a service file lost in shading,
 * fails it while every MiniCluster test still passes.
 *
 * <p>Alertmanager webhooks fed while the job runs (live mode, wall-clock ticks) must come out as
 * exactly the expected notifications in {@code read_committed} {@code notifications}, with the
 * malformed record as a dead letter, the re-delivered record dropped as a duplicate, and every
 * input and dedup decision in committed Parquet files of the archive.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StreamingJobOnClusterTest {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final FlinkClusterExtension FLINK = new FlinkClusterExtension();

    static final String MAIN_CLASS = "dev.pagerboy.streaming.StreamingJob";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    private static final String NOT_JSON = "this is not an alert";

    @TempDir Path work;

    @Test
    void theShadedJarSubmittedWithTheFlinkCliRunsOnTheClusterExactlyOnce() throws Exception {
        StandaloneCluster cluster = FLINK.cluster();
        long self = ProcessHandle.current().pid();
        assertThat(cluster.jobManager().isAlive()).isTrue();
        assertThat(cluster.taskManager().isAlive()).isTrue();
        assertThat(List.of(cluster.jobManager().pid(), cluster.taskManager().pid()))
                .doesNotContain(self)
                .doesNotHaveDuplicates();
        ClusterRest.Overview overview = FLINK.rest().overview().orElseThrow();
        assertThat(overview.version()).isEqualTo("2.2.0");
        assertThat(overview.taskManagers()).isEqualTo(1);
        assertThat(overview.slotsAvailable()).isEqualTo(StandaloneCluster.SLOTS);

        Path config = writeConfig();
        LiveJobTopics.createAll(KAFKA, PagerBoyConfig.load(config).kafka().topics(), 2);
        Path archive = work.resolve("archive");

        FlinkCli.Result submitted =
                FLINK.cli()
                        .run(
                                CLI_TIMEOUT,
                                List.of(
                                        "run",
                                        "-d",
                                        "-c",
                                        MAIN_CLASS,
                                        jobJar().toString(),
                                        "--config",
                                        config.toString(),
                                        "--bootstrap-servers",
                                        KAFKA.bootstrapServers(),
                                        "--archive",
                                        archive.toUri().toString(),
                                        "--archive-compact-every",
                                        "1",
                                        "--tick-interval",
                                        "500ms",
                                        "--max-out-of-orderness",
                                        "1s",
                                        "--idle-timeout",
                                        "1s",
                                        "--restart-attempts",
                                        "0",
                                        "--group-id",
                                        "cluster-test",
                                        "--transactional-id-prefix",
                                        "cluster-test",
                                        "--transaction-timeout",
                                        "2m"));
        assertThat(submitted.exitCode()).as(submitted.output()).isZero();
        String jobId = submitted.submittedJobId().orElseThrow(() -> failure(submitted.output()));
        // run -d returned: the job lives on the cluster, not in the client's JVM.
        awaitJobState(jobId, "RUNNING");

        List<RecordMetadata> inputs = feedAlerts();

        List<ConsumerRecord<byte[], byte[]>> notifications =
                awaitCommitted(jobId, "notifications", 2);
        assertThat(describe(notifications))
                .containsExactlyInAnyOrder(
                        "HostDown firing [a=firing, b=firing]", "DiskFull firing [x=firing]");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = awaitCommitted(jobId, "dead-letters", 1);
        assertThat(deadLetters).hasSize(1);
        JsonNode deadLetter = JSON.readTree(deadLetters.get(0).value());
        assertThat(deadLetter.get("reason").asText()).isNotBlank();
        assertThat(
                        new String(
                                Base64.getDecoder().decode(deadLetter.get("rawBase64").asText()),
                                StandardCharsets.UTF_8))
                .isEqualTo(NOT_JSON);

        List<String> produced = inputs.stream().map(m -> m.partition() + "/" + m.offset()).toList();
        List<ArchiveRecord> rows =
                await(
                        jobId,
                        "every input and dedup decision in committed Parquet files",
                        () -> {
                            List<ArchiveRecord> all = ParquetArchive.reader(archive).readAll();
                            boolean complete =
                                    rawAlertCoordinates(all).containsAll(produced)
                                            && dedupVerdicts(all).size() == 4;
                            return complete ? all : null;
                        });
        assertThat(rawAlertCoordinates(rows)).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(dedupVerdicts(rows))
                .containsExactlyInAnyOrder(
                        Verdict.NEW_FIRING.outcome(),
                        Verdict.NEW_FIRING.outcome(),
                        Verdict.NEW_FIRING.outcome(),
                        Verdict.DUPLICATE_DELIVERY.outcome());
        assertThat(ParquetArchive.reader(archive).committedFiles())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".parquet"));

        FlinkCli.Result cancelled = FLINK.cli().run(CLI_TIMEOUT, List.of("cancel", jobId));
        assertThat(cancelled.exitCode()).as(cancelled.output()).isZero();
        awaitJobState(jobId, "CANCELED");
        // The exactly-once output stayed exactly as it was.
        assertThat(KAFKA.readCommitted("notifications")).hasSize(2);
    }

    /**
     * Two Alertmanager webhook messages (HostDown on a and b in one, DiskFull on x in the other),
     * an exact re-delivery of the second, and a record that is not JSON.
     */
    private List<RecordMetadata> feedAlerts() throws Exception {
        long now = System.currentTimeMillis();
        byte[] hostDown = webhook(alert(now, "HostDown", "a"), alert(now, "HostDown", "b"));
        byte[] diskFull = webhook(alert(now, "DiskFull", "x"));
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            sent.add(send(producer, 0, now, hostDown));
            sent.add(send(producer, 1, now, diskFull));
            sent.add(send(producer, 1, now, diskFull)); // same bytes, same timestamp: re-delivery
            sent.add(send(producer, 0, now, NOT_JSON.getBytes(StandardCharsets.UTF_8)));
        }
        return sent;
    }

    private static RecordMetadata send(
            KafkaProducer<byte[], byte[]> producer, int partition, long timestamp, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>("alerts", partition, timestamp, null, value))
                .get();
    }

    private static String alert(long startsAt, String alertname, String instance) {
        return """
                {"status":"firing","labels":{"alertname":"%s","instance":"%s"},\
                "annotations":{"summary":"%s on %s"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z"}"""
                .formatted(
                        alertname,
                        instance,
                        alertname,
                        instance,
                        Instant.ofEpochSecond(startsAt / 1000));
    }

    private static byte[] webhook(String... alerts) {
        return """
                {"version":"4","status":"firing","receiver":"ops","groupKey":"{}:{}",\
                "alerts":[%s]}"""
                .formatted(String.join(",", alerts))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> describe(List<ConsumerRecord<byte[], byte[]>> notifications)
            throws Exception {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : notifications) {
            JsonNode n = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(n.get("idempotencyKey").asText());
            List<String> alerts = new ArrayList<>();
            for (JsonNode a : n.get("alerts")) {
                alerts.add(
                        a.get("labels").get("instance").asText() + "=" + a.get("status").asText());
            }
            alerts.sort(null);
            out.add(
                    n.get("groupLabels").get("alertname").asText()
                            + " "
                            + n.get("status").asText()
                            + " "
                            + alerts);
        }
        return out;
    }

    private static List<String> rawAlertCoordinates(List<ArchiveRecord> rows) {
        return rows.stream()
                .filter(r -> r.kind() == ArchiveKind.ALERT_RAW)
                .map(r -> r.sourcePartition() + "/" + r.sourceOffset())
                .toList();
    }

    private static List<String> dedupVerdicts(List<ArchiveRecord> rows) {
        return rows.stream()
                .filter(r -> r.kind() == ArchiveKind.DECISION)
                .map(ArchiveRecord::outcome)
                .toList();
    }

    /** All committed records of {@code topic} once there are at least {@code expected}. */
    private List<ConsumerRecord<byte[], byte[]>> awaitCommitted(
            String jobId, String topic, int expected) {
        return await(
                jobId,
                expected + " committed records in " + topic,
                () -> {
                    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readCommitted(topic);
                    return records.size() >= expected ? records : null;
                });
    }

    /** Polls {@code probe} until it returns non-null; fails early if the job stops running. */
    private <T> T await(String jobId, String what, Supplier<T> probe) {
        try {
            return Awaitility.await(what)
                    .atMost(OUTPUT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> probeWhileRunning(jobId, what, probe), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw failure("no " + what + " after " + OUTPUT_TIMEOUT.toSeconds() + " s");
        }
    }

    private <T> T probeWhileRunning(String jobId, String what, Supplier<T> probe) {
        T value = probe.get();
        if (value == null) {
            String state = FLINK.rest().jobState(jobId).orElse("UNKNOWN");
            if (!state.equals("RUNNING")) {
                throw failure("the job is " + state + " while waiting for " + what);
            }
        }
        return value;
    }

    private void awaitJobState(String jobId, String expected) {
        AtomicReference<String> state = new AtomicReference<>("UNKNOWN");
        try {
            Awaitility.await("job " + jobId + " " + expected)
                    .atMost(OUTPUT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                state.set(FLINK.rest().jobState(jobId).orElse("UNKNOWN"));
                                return state.get().equals(expected) || state.get().equals("FAILED");
                            });
        } catch (ConditionTimeoutException e) {
            // reported below with the cluster's logs
        }
        if (!state.get().equals(expected)) {
            throw failure("job " + jobId + " is " + state.get() + ", expected " + expected);
        }
    }

    private static AssertionError failure(String message) {
        ClusterDirectory dir = FLINK.cluster().directory();
        return new AssertionError(
                message
                        + "\n"
                        + FlinkProcesses.tail(dir, FlinkProcesses.JOB_MANAGER, 60)
                        + FlinkProcesses.tail(dir, FlinkProcesses.TASK_MANAGER, 60));
    }

    /**
     * streaming-job's shaded jar, which the reactor builds (package phase) before this module's
     * tests. Run through {@code mvn test} only, it would be missing or older than the code.
     */
    private static Path jobJar() throws Exception {
        Path jar = Path.of(System.getProperty("pagerboy.job.jar", "missing"));
        assertThat(jar)
                .as("the shaded job jar: build it with mvn package or verify (not mvn test)")
                .isRegularFile();
        Path classes = jar.resolveSibling("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            FileTime newest =
                    files.map(StreamingJobOnClusterTest::modified)
                            .max(FileTime::compareTo)
                            .orElseThrow();
            assertThat(Files.getLastModifiedTime(jar))
                    .as(jar + " is older than " + classes + ": run mvn package or verify")
                    .isGreaterThanOrEqualTo(newest);
        }
        return jar;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeConfig() throws Exception {
        Path file = work.resolve("pagerboy.yaml");
        Files.writeString(
                file,
                """
                kafka:
                  bootstrap_servers: localhost:1   # replaced by --bootstrap-servers
                  topics:
                    alerts: alerts
                    silences: silences
                    ticks: ticks
                    notifications: notifications
                    dead_letters: dead-letters
                checkpoint_interval: 1s
                receivers:
                  - name: ops
                    team: ops
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1h
                  repeat_interval: 4h
                  handler:
                    rom: classpath:dev/pagerboy/vm/handlers/severity.gb
                    sha256: 7c478efd3ef61daa71af4a0e394d7bc45d51470112dc9c6a2f070a0a4a2a133b
                """);
        return file;
    }
}
