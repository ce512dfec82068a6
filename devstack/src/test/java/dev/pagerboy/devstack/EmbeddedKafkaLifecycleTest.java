package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting and closing the embedded broker leaves nothing behind. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaLifecycleTest {

    @Test
    void closeEndsEveryBrokerThreadAndDeletesItsDirectory() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path directory;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            directory = kafka.directory();
            kafka.createTopics("lifecycle");
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(producerProperties(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("lifecycle", bytes("hello"))).get();
            }
            assertThat(directory).isDirectory();
            assertThat(newThreads(before)).isNotEmpty(); // the check below can see broker threads
            assertThat(
                            CommittedRecords.readAll(
                                    kafka.bootstrapServers(), "lifecycle", Duration.ofSeconds(30)))
                    .hasSize(1);
        }

        assertThat(Files.exists(directory)).as("broker directory %s", directory).isFalse();
        assertThat(awaitNoNewThreads(before, Duration.ofSeconds(10)))
                .as("threads started by the broker and still alive after close")
                .isEmpty();
    }

    @Test
    void keepsHistoricalAndFutureRecordsThroughRetentionChecks() throws Exception {
        long may2021 = 1_621_558_252_000L;
        long nextYear = System.currentTimeMillis() + Duration.ofDays(365).toMillis();
        // Retention checks every 100 ms instead of every 5 minutes, so the test would see a
        // deletion.
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(
                        java.util.Map.of(
                                "log.retention.check.interval.ms",
                                "100",
                                "log.initial.task.delay.ms",
                                "0"))) {
            kafka.createTopics("history");
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(producerProperties(kafka.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("history", null, may2021, null, bytes("old")))
                        .get();
                producer.send(new ProducerRecord<>("history", null, nextYear, null, bytes("new")))
                        .get();
            }
            // Both records must survive every retention check for a second (about ten checks).
            await("both records kept through retention checks")
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    CommittedRecords.readAll(
                                                            kafka.bootstrapServers(),
                                                            "history",
                                                            Duration.ofSeconds(30)))
                                            .extracting(r -> r.timestamp())
                                            .containsExactly(may2021, nextYear));
        }
    }

    @Test
    void closeIsIdempotent() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.close();
        kafka.close();
        assertThat(kafka.directory()).doesNotExist();
    }

    @Test
    void twoBrokersRunSideBySideOnDifferentPorts() {
        try (EmbeddedKafka first = EmbeddedKafka.start();
                EmbeddedKafka second = EmbeddedKafka.start()) {
            assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
            assertThat(first.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    /**
     * New threads still alive, waiting up to {@code timeout} because some pools end asynchronously.
     * Yammer's metrics tick thread is a JVM-wide daemon singleton that Kafka never stops, so it is
     * exempt.
     */
    private static List<String> awaitNoNewThreads(Set<Thread> before, Duration timeout) {
        try {
            return await("broker threads ended")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> newThreads(before), List::isEmpty);
        } catch (ConditionTimeoutException e) {
            return newThreads(before); // the caller's assertion names them
        }
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
                .sorted()
                .collect(Collectors.toList());
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
