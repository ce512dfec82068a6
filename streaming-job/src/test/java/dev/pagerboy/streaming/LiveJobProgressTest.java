package dev.pagerboy.streaming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.status.JobProgress;
import dev.pagerboy.streaming.status.MetricsBoard;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * The status line and the stall check read metrics by name ({@link JobProgress#of}): the Kafka
 * source's {@code pendingRecords}, the group stage's input watermark, the job's own counters. A
 * wrong name reads as "no such metric" and never fails on its own (the stall check would then never
 * warn), so this test runs the live job as {@code ./pagerboy job} does, with a backlog in its input
 * topic, and checks that every figure the stall check needs comes from a real metric.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LiveJobProgressTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Far more than the job reads before the first look at its metrics. */
    private static final int BACKLOG = 20_000;

    @TempDir Path work;

    private LiveJobTopics topics;

    @Test
    void aLiveJobWithABacklogReportsInputWaitingEventTimeAndRecordsIn() throws Exception {
        topics = LiveJobTopics.create(KAFKA, "progress", 2);
        produceBacklog();
        JobConfig cfg = config();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        2, LocalJob.configuration(cfg, Optional.empty()));
        LiveJob.define(env, cfg);
        JobClient job = env.executeAsync("progress test");
        try {
            JobProgress backlog =
                    await("the sources' pendingRecords while the backlog is read")
                            .atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofMillis(50))
                            .until(
                                    () -> JobProgress.of(MetricsBoard.snapshot()),
                                    p -> p.pendingInput() > 0 && p.recordsIn() > 0);
            assertThat(backlog.pendingInput()).isLessThanOrEqualTo(BACKLOG);

            JobProgress moving =
                    await("the group stage's watermark")
                            .atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(200))
                            .until(
                                    () -> JobProgress.of(MetricsBoard.snapshot()),
                                    p -> p.eventTime() != null);
            assertThat(moving.eventTime()).isAfter(Instant.now().minus(Duration.ofHours(2)));
            assertThat(pendingRecordsGauges()).as("one per source subtask").isNotEmpty();
        } finally {
            WatchedJob.cancelAndAwaitEnd(job);
        }
    }

    /** The identifiers of the sources' {@code pendingRecords} gauges, for the failure message. */
    private static Map<String, Object> pendingRecordsGauges() {
        Map<String, Object> gauges = new java.util.TreeMap<>();
        MetricsBoard.snapshot()
                .forEach(
                        (id, value) -> {
                            if (id.endsWith(".pendingRecords")) {
                                gauges.put(id, value);
                            }
                        });
        return gauges;
    }

    private JobConfig config() throws Exception {
        Path file =
                Files.writeString(
                        work.resolve("pagerboy.yaml"), topics.opsRouteYaml("1s", "1m", "1h"));
        return JobConfig.load(
                topics.options(file)
                        .archive(
                                ArchiveLayout.at(work.resolve("archive").toUri().toString())
                                        .compactingEvery(1))
                        .parallelism(2)
                        .restartAttempts(0)
                        .build());
    }

    /** Firing alerts of the last hour, many instances of one alert, on both partitions. */
    private void produceBacklog() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < BACKLOG; i++) {
                Instant startsAt = start.plusMillis(i * 100L);
                String alert =
                        "{\"version\":\"pagerboy/v1\",\"id\":\"a"
                                + i
                                + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\"HostDown\","
                                + "\"instance\":\"db-"
                                + i
                                + "\"},\"startsAt\":\""
                                + startsAt
                                + "\"}";
                producer.send(
                        new ProducerRecord<>(
                                topics.names().alerts(),
                                i % 2,
                                startsAt.toEpochMilli(),
                                null,
                                alert.getBytes(UTF_8)));
            }
            producer.flush();
        }
    }
}
