package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.cluster.testing.FlinkClusterExtension;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.replay.ReplayCommand;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import dev.pagerboy.streaming.live.EscalatingConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on a real Flink cluster, as docs/OPERATIONS.md ("Replay on a cluster") tells an SRE to run
 * it: the shaded job jar writes an archive as the live job (a bounded run on the embedded broker,
 * submitted with {@code flink run}), then the same jar, submitted with {@code --mode replay},
 * replays that archive on the cluster's TaskManager into a new archive, and {@code ./pagerboy
 * replay --replayed OUT --verify} must find the two identical: every decision, incident transition
 * and page.
 *
 * <p>So that "identical" cannot pass by accident, the same cluster replay of an archive whose one
 * input was changed (DbDown's record now reads DbSlow) must be reported as different, exit 1.
 *
 * <p>The live run has no idleness to speak of (10 minutes) and no out-of-orderness: every input is
 * in Kafka before the job starts, so nothing is late and the archive holds no {@code late_input}
 * rows whose replay other tests cover ({@code LateAlertsReplayTest} and its siblings).
 */
@Tag("integration")
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class ReplayOnClusterTest {

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final FlinkClusterExtension FLINK = new FlinkClusterExtension();

    static final String MAIN_CLASS = "dev.pagerboy.streaming.StreamingJob";

    /** One {@code flink run} of a bounded job, on a loaded 2-core machine. */
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(8);

    static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();

    @TempDir Path work;

    @Test
    void theJobJarReplaysAnArchiveOnTheClusterIdenticallyAndAChangedInputIsReported()
            throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "cluster-replay", 2);
        Path config = work.resolve("pagerboy.yaml");
        Files.writeString(config, EscalatingConfig.yaml(topics.kafkaYaml()));
        feed(topics.byRole());

        Path live = work.resolve("live");
        FlinkCli.Result liveRun = flinkRun(liveJob(config, live));
        assertThat(liveRun.exitCode()).as(liveRun.output()).isZero();
        List<ArchiveRecord> liveRows = ParquetArchive.reader(live).readAll();
        assertThat(kinds(liveRows))
                .as("the live run's archive")
                .containsKeys(
                        ArchiveKind.ALERT_RAW,
                        ArchiveKind.TICK,
                        ArchiveKind.DECISION,
                        ArchiveKind.INCIDENT,
                        ArchiveKind.NOTIFICATION);

        Path replayed = work.resolve("replay");
        FlinkCli.Result replayRun = flinkRun(replayJob(config, live, replayed));
        assertThat(replayRun.exitCode()).as(replayRun.output()).isZero();
        assertThat(replayRun.output()).contains("replay: finished");
        assertThat(replayed.resolve(".inputs")).as("staged inputs are removed").doesNotExist();
        assertThat(ParquetArchive.reader(replayed).committedFiles()).isNotEmpty();

        Verify identical = verify(config, live, replayed);
        System.err.println("replay of the live archive on the cluster:\n" + identical.output());
        assertThat(identical.status()).as(identical.output()).isZero();
        assertThat(identical.output())
                .contains("verify: identical")
                .contains("decision=")
                .contains("incident=")
                .contains("notification=");

        Path changed = work.resolve("changed");
        writeArchive(changed, changeOneInput(liveRows, "DbDown", "DbSlow"));
        Path changedReplay = work.resolve("changed-replay");
        FlinkCli.Result changedRun = flinkRun(replayJob(config, changed, changedReplay));
        assertThat(changedRun.exitCode()).as(changedRun.output()).isZero();

        Verify different = verify(config, live, changedReplay);
        System.err.println("replay of the changed archive on the cluster:\n" + different.output());
        assertThat(different.status()).as(different.output()).isEqualTo(1);
        assertThat(different.output()).contains("differences").contains("decision");
    }

    /** The live job, bounded: reads the topics to their current end, then finishes. */
    private static List<String> liveJob(Path config, Path archive) throws Exception {
        return List.of(
                "--config",
                config.toString(),
                "--bootstrap-servers",
                KAFKA.bootstrapServers(),
                "--archive",
                archive.toUri().toString(),
                "--archive-compact-every",
                "1",
                "--parallelism",
                "2",
                "--clock",
                "topic",
                "--bounded",
                "--max-out-of-orderness",
                "0s",
                "--idle-timeout",
                "10m",
                "--restart-attempts",
                "0",
                "--group-id",
                "cluster-replay",
                "--transactional-id-prefix",
                "cluster-replay",
                "--transaction-timeout",
                "2m");
    }

    private static List<String> replayJob(Path config, Path archive, Path out) {
        return List.of(
                "--mode",
                "replay",
                "--config",
                config.toString(),
                "--archive",
                archive.toUri().toString(),
                "--out",
                out.toUri().toString(),
                "--parallelism",
                "2",
                "--max-out-of-orderness",
                "0s");
    }

    /** {@code flink run -c StreamingJob pagerboy-job.jar ARGS}, attached: returns at the end. */
    private static FlinkCli.Result flinkRun(List<String> jobArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-c", MAIN_CLASS, jobJar().toString()));
        args.addAll(jobArgs);
        return FLINK.cli().run(CLI_TIMEOUT, args);
    }

    record Verify(int status, String output) {}

    /** {@code ./pagerboy replay --archive LIVE --config F --replayed R --verify}. */
    private static Verify verify(Path config, Path live, Path replayed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status =
                ReplayCommand.run(
                        new String[] {
                            "--archive",
                            live.toString(),
                            "--config",
                            config.toString(),
                            "--replayed",
                            replayed.toString(),
                            "--max-out-of-orderness",
                            "0s",
                            "--no-progress",
                            "--verify"
                        },
                        out,
                        out);
        return new Verify(status, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * DbDown fires at 0 s and stays firing (escalates to Bob and then ops), HostDown fires at 40 s
     * and resolves at 300 s, DiskFull fires at 100 s; the clock ticks every 30 s to 900 s.
     */
    private static void feed(Map<String, String> topicByRole) throws Exception {
        String alerts = topicByRole.get("alerts");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            send(producer, alerts, 0, 0, alert("firing", "DbDown", "db1", 0, "null"));
            send(producer, alerts, 1, 40, alert("firing", "HostDown", "h1", 40, "null"));
            send(producer, alerts, 0, 100, alert("firing", "DiskFull", "x", 100, "null"));
            send(
                    producer,
                    alerts,
                    1,
                    300,
                    alert(
                            "resolved",
                            "HostDown",
                            "h1",
                            40,
                            "\"" + Instant.ofEpochMilli(at(300)) + "\""));
            for (int s = 0; s <= 900; s += 30) {
                producer.send(
                                new ProducerRecord<>(
                                        topicByRole.get("ticks"), 0, at(s), null, new byte[0]))
                        .get();
            }
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int partition,
            int second,
            String value)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                partition,
                                at(second),
                                null,
                                value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static long at(int second) {
        return T0 + second * 1000L;
    }

    /** A native alert (as {@code LiveThenReplay} in replay's tests writes them). */
    private static String alert(
            String status, String alertname, String instance, int started, String endsAt) {
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

    /**
     * The rows, with the one {@code alert_raw} record that names {@code from} naming {@code to}.
     */
    private static List<ArchiveRecord> changeOneInput(
            List<ArchiveRecord> rows, String from, String to) {
        List<ArchiveRecord> out = new ArrayList<>();
        int changed = 0;
        for (ArchiveRecord r : rows) {
            String raw = new String(r.raw(), StandardCharsets.UTF_8);
            if (r.kind() == ArchiveKind.ALERT_RAW && raw.contains(from)) {
                changed++;
                r =
                        new ArchiveRecord(
                                r.schemaVersion(),
                                r.id(),
                                r.kind(),
                                r.eventTime(),
                                r.key(),
                                r.sourceTopic(),
                                r.sourcePartition(),
                                r.sourceOffset(),
                                r.outcome(),
                                r.payloadJson(),
                                raw.replace(from, to).getBytes(StandardCharsets.UTF_8));
            }
            out.add(r);
        }
        assertThat(changed).as("alert_raw records naming " + from).isEqualTo(1);
        return out;
    }

    /** {@code rows} as an archive of one committed file under {@code dir}. */
    private static void writeArchive(Path dir, List<ArchiveRecord> rows) throws IOException {
        org.apache.flink.core.fs.Path file =
                new org.apache.flink.core.fs.Path(dir.resolve("part-0.parquet").toUri());
        try (FSDataOutputStream out =
                file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ArchiveRecordCodec()).create(out);
            for (ArchiveRecord r : rows) {
                writer.addElement(r);
            }
            writer.finish();
        }
    }

    private static Map<ArchiveKind, Long> kinds(List<ArchiveRecord> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(ArchiveRecord::kind, Collectors.counting()));
    }

    /**
     * streaming-job's shaded jar, which the reactor builds (package phase) before this module's
     * tests, checked to be newer than the classes it is built from.
     */
    private static Path jobJar() throws Exception {
        Path jar = Path.of(System.getProperty("pagerboy.job.jar", "missing"));
        assertThat(jar)
                .as("the shaded job jar: build it with mvn package or verify (not mvn test)")
                .isRegularFile();
        Path classes = jar.resolveSibling("classes");
        try (Stream<Path> files = Files.walk(classes)) {
            FileTime newest =
                    files.map(ReplayOnClusterTest::modified).max(FileTime::compareTo).orElseThrow();
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
}
