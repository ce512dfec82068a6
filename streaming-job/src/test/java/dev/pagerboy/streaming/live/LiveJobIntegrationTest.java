package dev.pagerboy.streaming.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.Pipeline;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.live.ScriptedStream.Produced;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.sinks.ExactlyOnceKafkaSinks;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.InputTopicSettings;
import dev.pagerboy.streaming.sources.KafkaInputs;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job end to end — Kafka sources, the pipeline, transactional Kafka sinks and the Parquet
 * archive — on a MiniCluster (parallelism 2) with the embedded Kafka broker, built through {@link
 * LiveJob} exactly as {@code StreamingJob} builds it, in bounded mode so the job ends when the
 * scripted history has been read. One broker and one cluster serve every test of the class.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveJobIntegrationTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IO_RECORDS = 30;

    private static final String NOT_JSON = "this is not json";
    private static final String BAD_STATUS =
            "{\"version\":\"pagerboy/v1\",\"id\":\"bad\",\"status\":\"exploding\","
                    + "\"labels\":{\"alertname\":\"X\"},\"startsAt\":\"2026-11-28T10:01:00Z\"}";

    /**
     * Route: everything to {@code ops}, grouped by alertname, group_wait 10 s, group_interval 1 m,
     * repeat_interval 1 h.
     */
    static ScriptedStream history() {
        return new ScriptedStream()
                .firing(0, "e1", "HostDown", "a")
                .redelivered(1, "e1") // exact re-delivery: dropped
                .silence(2, "maint", "Maintenance", 3600)
                .firing(5, "e2", "HostDown", "b")
                .firing(15, "e3", "Maintenance", "m") // silenced: no notification
                .firing(20, "e4", "DiskFull", "x")
                .resolved(30, "e5", "HostDown", "a", 0)
                .malformed(40, 0, NOT_JSON)
                .repeated(50, "e6", "DiskFull", "x", 20) // within repeat_interval: suppressed
                .malformed(60, 1, BAD_STATUS)
                .firing(100, "e7", "HostDown", "a") // flap
                .resolved(200, "e8", "HostDown", "a", 100)
                .resolved(200, "e9", "HostDown", "b", 5)
                .ticksEvery(30, 300);
    }

    /** The notifications the history must produce: alertname@second status [instance=status]. */
    static final List<String> EXPECTED_NOTIFICATIONS =
            List.of(
                    "DiskFull@30 firing [x=firing]",
                    "HostDown@10 firing [a=firing, b=firing]",
                    "HostDown@70 firing [a=resolved, b=firing]",
                    "HostDown@130 firing [a=firing, b=firing]",
                    "HostDown@250 resolved [a=resolved, b=resolved]");

    @TempDir Path work;

    @Test
    void scriptedHistoryGivesExactlyTheExpectedNotificationsDeadLettersAndArchive()
            throws Exception {
        Run run = run("plain", Fault.NONE);

        assertThat(run.notifications()).containsExactlyElementsOf(EXPECTED_NOTIFICATIONS);
        assertDeadLetters(run);
        assertOneArchiveRowPerInput(run);
    }

    @Test
    void aFailureAfterCheckpointsChangesNothingInTheCommittedOutput() throws Exception {
        FailOnceAfterCheckpoints.THROWN.set(false);

        Run run = run("failure", Fault.TASK_FAILURE);

        assertThat(FailOnceAfterCheckpoints.THROWN).as("the failure was injected").isTrue();
        assertThat(run.notifications()).containsExactlyElementsOf(EXPECTED_NOTIFICATIONS);
        assertDeadLetters(run);
        assertOneArchiveRowPerInput(run);
    }

    /**
     * A checkpoint that expires fails the whole job, as the long-history runs' checkpoints did
     * behind a timer storm: every operator restarts from the last completed checkpoint, the Kafka
     * sources' split enumerators from their state too. The bounded run over two partitions must
     * still hand every split to a reader, finish, and commit what a clean run commits. Without
     * {@code RestoredBoundedKafkaSource}'s signal the restored run never finished: this test ran
     * into its 5-minute timeout (session 8, on a scratch copy of the code before the fix).
     */
    @Test
    void aBoundedRunRestoredAfterAnExpiredCheckpointCommitsWhatACleanRunCommits() throws Exception {
        ExpireOneCheckpoint.HELD.set(false);
        ExpireOneCheckpoint.RESTORED.set(false);

        Run run = run("expired", Fault.EXPIRED_CHECKPOINT);

        assertThat(ExpireOneCheckpoint.HELD).as("a checkpoint was held past its timeout").isTrue();
        assertThat(ExpireOneCheckpoint.RESTORED).as("the job restored a checkpoint").isTrue();
        assertThat(run.notifications()).containsExactlyElementsOf(EXPECTED_NOTIFICATIONS);
        assertDeadLetters(run);
        assertOneArchiveRowPerInput(run);
    }

    /** What goes wrong during a run. */
    private enum Fault {
        NONE,
        /** A task throws once after a checkpoint: its region restarts. */
        TASK_FAILURE,
        /** A checkpoint after the first one expires: the whole job fails over. */
        EXPIRED_CHECKPOINT
    }

    /** Long enough for a checkpoint of this small job on a loaded machine. */
    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void sourcesAndSinksAloneCommitEveryRecordOnceDespiteAFailure() throws Exception {
        // The I/O layer without the pipeline in between: pins the exactly-once behaviour of the
        // sources and sinks independently of the functions.
        Path archive = work.resolve("archive-io");
        KAFKA.createTopics(2, "io-in", "io-out");
        List<String> produced = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < IO_RECORDS; i++) {
                byte[] value = ("record-" + i).getBytes(StandardCharsets.UTF_8);
                RecordMetadata meta =
                        producer.send(
                                        new ProducerRecord<>(
                                                "io-in",
                                                i % 2,
                                                ScriptedStream.T0 + i * 1000L,
                                                null,
                                                value))
                                .get();
                produced.add(meta.partition() + "/" + meta.offset());
            }
        }
        FailOnceAfterCheckpoints.THROWN.set(false);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(150, CheckpointingMode.EXACTLY_ONCE);
        InputTopicSettings in =
                new InputTopicSettings(
                        KAFKA.bootstrapServers(),
                        "io-test",
                        Duration.ZERO,
                        Duration.ofMinutes(10),
                        true);
        DataStream<RawInput> records =
                KafkaInputs.stream(env, in, "alerts", "io-in")
                        .map(new FailOnceAfterCheckpoints<RawInput>(1, 150))
                        .returns(TypeInformation.of(RawInput.class));
        records.map(raw -> DeadLetter.of(raw, "copied"))
                .returns(TypeInformation.of(DeadLetter.class))
                .sinkTo(
                        ExactlyOnceKafkaSinks.deadLetters(
                                new ExactlyOnceSinkSettings(
                                        KAFKA.bootstrapServers(), "io-test", Duration.ofMinutes(2)),
                                "io-out"))
                .uid("sink-out");
        records.map(ArchiveRecord::rawAlert)
                .returns(TypeInformation.of(ArchiveRecord.class))
                .sinkTo(
                        // bounded input: no compaction, as JobConfig does (docs/ARCHIVE.md)
                        ParquetArchive.sink(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(1)))
                .uid("sink-archive");
        env.execute("kafka to kafka and archive");

        assertThat(FailOnceAfterCheckpoints.THROWN).as("the failure was injected").isTrue();
        ObjectMapper json = new ObjectMapper();
        List<String> committed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.awaitCommitted("io-out", IO_RECORDS)) {
            JsonNode d = json.readTree(r.value());
            String ref = d.get("partition").asInt() + "/" + d.get("offset").asLong();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("io-in/" + ref);
            committed.add(ref);
        }
        assertThat(committed).containsExactlyInAnyOrderElementsOf(produced);

        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        assertThat(rows)
                .extracting(r -> r.sourcePartition() + "/" + r.sourceOffset())
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(rows)
                .allSatisfy(
                        r ->
                                assertThat(r.eventTime())
                                        .isBetween(
                                                ScriptedStream.T0,
                                                ScriptedStream.T0 + IO_RECORDS * 1000L));
    }

    /** What one run of the job left behind. */
    record Run(
            LiveJobTopics topics,
            List<Produced> produced,
            List<ConsumerRecord<byte[], byte[]>> notificationRecords,
            List<ConsumerRecord<byte[], byte[]>> deadLetterRecords,
            Path archive) {

        List<String> notifications() throws Exception {
            List<String> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : notificationRecords) {
                JsonNode n = JSON.readTree(r.value());
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(n.get("idempotencyKey").asText());
                List<String> alerts = new ArrayList<>();
                for (JsonNode a : n.get("alerts")) {
                    alerts.add(
                            a.get("labels").get("instance").asText()
                                    + "="
                                    + a.get("status").asText());
                }
                alerts.sort(null);
                long second = (n.get("eventTime").asLong() - ScriptedStream.T0) / 1000;
                out.add(
                        n.get("groupLabels").get("alertname").asText()
                                + "@"
                                + second
                                + " "
                                + n.get("status").asText()
                                + " "
                                + alerts);
            }
            out.sort(
                    (x, y) -> {
                        String[] a = x.split("[@ ]");
                        String[] b = y.split("[@ ]");
                        int byName = a[0].compareTo(b[0]);
                        return byName != 0
                                ? byName
                                : Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]));
                    });
            return out;
        }

        List<Produced> produced(String role) {
            return produced.stream().filter(p -> p.input().role().equals(role)).toList();
        }
    }

    private void assertDeadLetters(Run run) throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Produced p : run.produced("alerts")) {
            String value = new String(p.input().value(), StandardCharsets.UTF_8);
            if (value.equals(NOT_JSON) || value.equals(BAD_STATUS)) {
                expected.put(p.partition() + "/" + p.offset(), value);
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : run.deadLetterRecords()) {
            JsonNode d = JSON.readTree(r.value());
            assertThat(d.get("topic").asText()).isEqualTo(run.topics().names().alerts());
            assertThat(d.get("reason").asText()).isNotBlank();
            actual.put(
                    d.get("partition").asInt() + "/" + d.get("offset").asLong(),
                    new String(
                            Base64.getDecoder().decode(d.get("rawBase64").asText()),
                            StandardCharsets.UTF_8));
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    private void assertOneArchiveRowPerInput(Run run) throws Exception {
        List<ArchiveRecord> rows = ParquetArchive.reader(run.archive()).readAll();
        assertThat(rows).extracting(ArchiveRecord::id).doesNotHaveDuplicates();

        assertThat(coordinates(rows, ArchiveKind.ALERT_RAW.text()))
                .containsExactlyInAnyOrderElementsOf(coordinates(run.produced("alerts")));
        assertThat(coordinates(rows, ArchiveKind.SILENCE.text()))
                .containsExactlyInAnyOrderElementsOf(coordinates(run.produced("silences")));
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.TICK))
                .extracting(ArchiveRecord::eventTime)
                .containsExactlyInAnyOrderElementsOf(
                        run.produced("ticks").stream().map(p -> p.input().timestamp()).toList());
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.NOTIFICATION))
                .hasSize(EXPECTED_NOTIFICATIONS.size());
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.DEAD_LETTER)).hasSize(2);

        Map<String, Long> byKind = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT kind, count(*), count(DISTINCT id) FROM read_parquet('"
                                        + run.archive()
                                        + "/**/*.parquet') GROUP BY kind")) {
            while (rs.next()) {
                assertThat(rs.getLong(3)).isEqualTo(rs.getLong(2));
                byKind.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(byKind)
                .containsEntry("alert_raw", (long) run.produced("alerts").size())
                .containsEntry("silence", (long) run.produced("silences").size())
                .containsEntry("tick", (long) run.produced("ticks").size());
    }

    private static List<String> coordinates(List<ArchiveRecord> rows, String kind) {
        return rows.stream()
                .filter(r -> r.kind().text().equals(kind))
                .map(r -> r.sourcePartition() + "/" + r.sourceOffset())
                .toList();
    }

    private static List<String> coordinates(List<Produced> produced) {
        return produced.stream().map(p -> p.partition() + "/" + p.offset()).toList();
    }

    private Run run(String name, Fault fault) throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "it-" + name, ScriptedStream.PARTITIONS);

        List<Produced> produced;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            produced = history().produce(producer, topics.byRole());
        }

        Path archive = work.resolve("archive-" + name);
        JobOptions.Builder options =
                ScriptedStream.boundedRun(topics.options(writeConfig(topics)))
                        .archive(ArchiveLayout.at(archive.toUri().toString()).compactingEvery(3))
                        .restartAttempts(3)
                        .restartDelay(Duration.ofMillis(200));
        if (fault != Fault.NONE) {
            // Durable checkpoint storage: the restore reads the state written to files, as a
            // local or cluster job with --checkpoint-dir does.
            options.checkpointDir(work.resolve("checkpoints-" + name).toUri().toString());
        }
        JobConfig cfg = JobConfig.load(options.build());

        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        if (fault == Fault.NONE) {
            LiveJob.define(env, cfg);
        } else {
            PipelineInputs live = LiveJob.inputs(env, cfg);
            PipelineInputs failing =
                    new PipelineInputs(
                            live.alerts()
                                    .map(injector(fault, env))
                                    .returns(TypeInformation.of(RawInput.class))
                                    .name("inject " + fault),
                            live.ticks(),
                            live.silences());
            Pipeline.define(env, PipelineConfig.of(cfg.pagerboy()), failing, LiveJob.outputs(cfg));
        }
        env.execute("live job " + name);

        List<ConsumerRecord<byte[], byte[]>> notifications =
                KAFKA.awaitCommitted(topics.names().notifications(), EXPECTED_NOTIFICATIONS.size());
        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                KAFKA.awaitCommitted(topics.names().deadLetters(), 2);
        return new Run(topics, produced, notifications, deadLetters, archive);
    }

    /** The function that injects {@code fault} into the alerts, chained to their source. */
    private static MapFunction<RawInput, RawInput> injector(
            Fault fault, StreamExecutionEnvironment env) {
        if (fault == Fault.TASK_FAILURE) {
            return new FailOnceAfterCheckpoints<>(1, 400);
        }
        Configuration checkpoints = new Configuration();
        checkpoints.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, CHECKPOINT_TIMEOUT);
        checkpoints.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 0);
        env.configure(checkpoints);
        return new ExpireOneCheckpoint<>(1, 400, CHECKPOINT_TIMEOUT.multipliedBy(3).toMillis());
    }

    private Path writeConfig(LiveJobTopics topics) throws Exception {
        Path file = work.resolve("pagerboy.yaml");
        Files.writeString(
                file,
                topics.kafkaYaml()
                        + """
                checkpoint_interval: 200ms
                receivers:
                  - name: ops
                    team: ops
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_wait: 10s
                  group_interval: 1m
                  repeat_interval: 1h
                silences:                  # static: mutes nothing in the history, but travels
                  - id: never-matches      # inside the job graph like the sample config's
                    matchers: ['alertname="NoSuchAlert"']
                    starts_at: 2026-01-01T00:00:00Z
                    ends_at: 2027-01-01T00:00:00Z
                    created_by: ops
                    comment: static silences must serialize with the job
                """);
        return file;
    }
}
