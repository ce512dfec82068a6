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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
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
 * The stall check's own metric ({@code pagerboy.dedup.eventTimeStalledSeconds}), read through the
 * Prometheus reporter from a live job that really stalls: alerts on one partition of two, the other
 * partition empty and, with a 10-minute idle timeout, holding event time at its start. The gauge
 * must count the stall up while the alerts wait, and drop to 0 on every dedup subtask once a record
 * on the empty partition lets event time move.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EventTimeStallMetricTest {

    private static final String GAUGE =
            "flink_taskmanager_job_task_operator_pagerboy_dedup_eventTimeStalledSeconds";
    private static final Pattern VALUE =
            Pattern.compile(
                    "^" + GAUGE + "\\{[^}]*subtask_index=\"(\\d+)\"[^}]*} (\\S+)$",
                    Pattern.MULTILINE);
    private static final int PARALLELISM = 2;

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void aPartitionThatHoldsEventTimeBackShowsAsAStallUntilEventTimeMoves() throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "stallmetric", 2);
        String alerts = topics.names().alerts();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(alerts, 0, null, alert("a" + i))).get();
            }
        }
        int port = freePort();
        JobConfig cfg =
                JobConfig.load(
                        topics.options(
                                        Files.writeString(
                                                work.resolve("p.yaml"),
                                                topics.opsRouteYaml("300ms", "1m", "1h")))
                                .archive(ArchiveLayout.at(work.resolve("a").toUri().toString()))
                                .parallelism(PARALLELISM)
                                .restartAttempts(0)
                                .idleTimeout(Duration.ofMinutes(10))
                                .metricsPorts(String.valueOf(port))
                                .build());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        PARALLELISM, LiveJob.flinkConfiguration(cfg));
        LiveJob.define(env, cfg);
        JobClient job = env.executeAsync("stall metric");
        try {
            Scraper scraper = new Scraper(URI.create("http://127.0.0.1:" + port + "/metrics"));
            Map<Integer, Double> stalled =
                    scraper.until(
                            "a dedup subtask reporting event time stalled for 3 s or more",
                            values -> values.values().stream().anyMatch(v -> v >= 3));

            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(KAFKA.producerProperties())) {
                producer.send(new ProducerRecord<>(alerts, 1, null, alert("b"))).get();
            }
            // Each subtask's gauge reads 0 the first time it is read after its watermark moved
            // (and stays 0 where nothing waits); only the reporter reads it here.
            Set<Integer> cleared = new HashSet<>();
            scraper.until(
                    "every dedup subtask reporting 0 once event time moved (stalled before: "
                            + stalled
                            + ")",
                    values -> {
                        values.forEach(
                                (subtask, seconds) -> {
                                    if (seconds == 0) {
                                        cleared.add(subtask);
                                    }
                                });
                        return cleared.size() == PARALLELISM;
                    });
        } finally {
            WatchedJob.cancelAndAwaitEnd(job);
        }
    }

    /** Scrapes {@code /metrics} until the gauge's values per subtask satisfy a condition. */
    private static final class Scraper {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI metrics;

        Scraper(URI metrics) {
            this.metrics = metrics;
        }

        Map<Integer, Double> until(String what, Predicate<Map<Integer, Double>> done)
                throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            String scraped = "";
            while (true) {
                Map<Integer, Double> values = values(scraped);
                // Both dedup subtasks registered: a scrape with only one is not complete.
                if (values.size() == PARALLELISM && done.test(values)) {
                    return values;
                }
                assertThat(System.nanoTime())
                        .as("%s; last scrape's %s: %s", what, GAUGE, values)
                        .isLessThan(deadline);
                Thread.sleep(200);
                try {
                    scraped =
                            http.send(
                                            HttpRequest.newBuilder(metrics).build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body();
                } catch (java.io.IOException notYetListening) {
                    scraped = "";
                }
            }
        }

        private static Map<Integer, Double> values(String scraped) {
            Map<Integer, Double> values = new HashMap<>();
            Matcher m = VALUE.matcher(scraped);
            while (m.find()) {
                values.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
            }
            return values;
        }
    }

    private static byte[] alert(String id) {
        return ("{\"version\":\"pagerboy/v1\",\"id\":\""
                        + id
                        + "\",\"status\":\"firing\",\"labels\":"
                        + "{\"alertname\":\"HostDown\",\"instance\":\"db-"
                        + id
                        + "\"},\"startsAt\":\""
                        + Instant.now().minusSeconds(60)
                        + "\"}")
                .getBytes(UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
