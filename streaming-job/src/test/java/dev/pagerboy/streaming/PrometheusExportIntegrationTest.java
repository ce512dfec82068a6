package dev.pagerboy.streaming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * {@code --metrics-port}: the live job on its own local MiniCluster (as {@code ./pagerboy job} runs
 * it) serves its metrics through Flink's Prometheus reporter, and a scrape of {@code /metrics}
 * shows PagerBoy's own counters, with the value they reached, next to Flink's.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PrometheusExportIntegrationTest {

    private static final String INCIDENT_PAGES =
            "flink_taskmanager_job_task_operator_pagerboy_incidents_pages";
    private static final String CHECKPOINT_DURATION =
            "# TYPE flink_jobmanager_job_lastCheckpointDuration gauge";

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void aScrapeShowsThePipelinesCountersNextToFlinks() throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "prom", 2);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            String alerts = topics.names().alerts();
            producer.send(new ProducerRecord<>(alerts, alert().getBytes(UTF_8))).get();
            producer.send(new ProducerRecord<>(alerts, "not json".getBytes(UTF_8))).get();
        }
        int port = freePort();
        JobConfig cfg =
                JobConfig.load(
                        topics.options(
                                        Files.writeString(
                                                work.resolve("p.yaml"),
                                                topics.opsRouteYaml("300ms", "1m", "1h")))
                                .archive(ArchiveLayout.at(work.resolve("a").toUri().toString()))
                                .parallelism(2)
                                .restartAttempts(0)
                                .metricsPorts(String.valueOf(port))
                                .build());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        2, LiveJob.flinkConfiguration(cfg));
        LiveJob.define(env, cfg);
        JobClient job = env.executeAsync("prometheus export");
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            String scraped = "";
            // The malformed alert becomes a dead letter: its counter (one subgroup per reason)
            // reaches 1 on one of the two parse subtasks.
            Pattern deadLetter =
                    Pattern.compile(
                            "^flink_taskmanager_job_task_operator_pagerboy_parse_deadLetters\\w*"
                                    + "\\{[^}]*} 1\\.0$",
                            Pattern.MULTILINE);
            // Each task registers its metrics when it opens, and the tasks open one by one: wait
            // for a scrape that has every metric the test reads, not only the first of them.
            while (!deadLetter.matcher(scraped).find()
                    || !scraped.contains(INCIDENT_PAGES)
                    || !scraped.contains(CHECKPOINT_DURATION)) {
                assertThat(System.nanoTime())
                        .as(
                                "a scrape with the dead letter counter, %s and %s; last scrape:%n%s",
                                INCIDENT_PAGES, CHECKPOINT_DURATION, scraped)
                        .isLessThan(deadline);
                try {
                    scraped =
                            http.send(
                                            HttpRequest.newBuilder(metrics).build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body();
                } catch (java.io.IOException notYetListening) {
                    scraped = "";
                }
                Thread.sleep(200);
            }
            assertThat(scraped).contains("job_id=\"" + job.getJobID() + "\"");
        } finally {
            WatchedJob.cancelAndAwaitEnd(job);
        }
    }

    private static String alert() {
        return "{\"version\":\"pagerboy/v1\",\"id\":\"p1\",\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"HostDown\",\"instance\":\"db-1\"},\"startsAt\":\""
                + Instant.now().minusSeconds(60)
                + "\"}";
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
