package dev.pagerboy.streaming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagerboy job} stopped and started again with the same checkpoint directory resumes where
 * it left off: the second start restores dedup state from the newest retained checkpoint, so an
 * alert repeated after the restart is suppressed, not paged as new. With {@code --fresh} the same
 * repeat is a new firing, which is what a restart without resume did before.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumeFromCheckpointTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void aRestartResumesDedupStateSoARepeatIsSuppressed() throws Exception {
        assertThat(secondFiringAfterRestart("resume", false)).isEqualTo("suppressed_repeat");
    }

    @Test
    void aFreshStartForgetsItAndPagesTheRepeatAsNew() throws Exception {
        assertThat(secondFiringAfterRestart("fresh", true)).isEqualTo("new_firing");
    }

    /** Runs the job, stops it after the first firing is checkpointed, restarts, sends a repeat. */
    private String secondFiringAfterRestart(String name, boolean fresh) throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "resume-" + name, 2);
        Path archive = work.resolve(name + "-archive");
        JobConfig cfg = config(topics, name, archive);

        send(topics, "first");
        JobClient first = start(cfg, Optional.empty());
        List<ArchiveRecord> dedup = awaitDedupRows(WatchedJob.onLocalJob(first), archive, 1);
        assertThat(dedup.get(0).outcome()).isEqualTo("new_firing");
        WatchedJob.cancelAndAwaitEnd(first);

        Optional<String> restore = LocalJob.restorePoint(cfg, fresh, null);
        assertThat(restore.isPresent()).isEqualTo(!fresh);
        send(topics, "second");
        JobClient second = start(cfg, restore);
        String outcome = awaitDedupRows(WatchedJob.onLocalJob(second), archive, 2).get(1).outcome();
        WatchedJob.cancelAndAwaitEnd(second);
        return outcome;
    }

    private JobConfig config(LiveJobTopics topics, String name, Path archive) throws Exception {
        Path file =
                Files.writeString(
                        work.resolve(name + ".yaml"), topics.opsRouteYaml("300ms", "1m", "1h"));
        return JobConfig.load(
                topics.options(file)
                        .archive(ArchiveLayout.at(archive.toUri().toString()).compactingEvery(1))
                        .checkpointDir(work.resolve(name + "-checkpoints").toUri().toString())
                        .parallelism(2)
                        .restartAttempts(0)
                        .build());
    }

    private static JobClient start(JobConfig cfg, Optional<String> restore) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        2, LocalJob.configuration(cfg, restore));
        LiveJob.define(env, cfg);
        return env.executeAsync("resume test");
    }

    /** Two firings of one alert, a minute apart: well within repeat_interval. */
    private static void send(LiveJobTopics topics, String id) throws Exception {
        Instant startsAt = Instant.now().minusSeconds(60);
        String alert =
                "{\"version\":\"pagerboy/v1\",\"id\":\""
                        + id
                        + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\"HostDown\","
                        + "\"instance\":\"db-1\"},\"startsAt\":\""
                        + startsAt
                        + "\"}";
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            producer.send(new ProducerRecord<>(topics.names().alerts(), alert.getBytes(UTF_8)))
                    .get();
        }
    }

    /** The committed dedup rows, in event order, once there are {@code count} of them. */
    private static List<ArchiveRecord> awaitDedupRows(WatchedJob job, Path archive, int count) {
        return job.await(
                count + " committed dedup rows in " + archive,
                Duration.ofMinutes(2),
                () -> dedupRows(archive),
                rows -> rows.size() >= count);
    }

    private static List<ArchiveRecord> dedupRows(Path archive) throws Exception {
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        return ParquetArchive.reader(archive).readAll().stream()
                .filter(r -> r.kind() == ArchiveKind.DECISION)
                .sorted(Comparator.comparing(ArchiveRecord::eventTime))
                .toList();
    }
}
