package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.kafka.KafkaStreamProducer;
import dev.pagerboy.datasets.kafka.KafkaTarget;
import dev.pagerboy.datasets.kafka.ProducerReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator's Kafka producer mode against a real embedded broker: what comes back from the
 * topics is exactly the generated stream — every record once, with its key, its simulated send time
 * as the record timestamp and its payload bytes — and per key in generation order.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GeneratorKafkaTest {
    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final int ALERTS = 20_000;

    @Test
    void producedStreamComesBackRecordForRecord() throws Exception {
        GeneratorConfig config =
                GeneratorConfig.of(3, ALERTS, AlertFormat.ALERTMANAGER)
                        .withAcks(true)
                        .withFaults(0.01, 0.05);
        List<Envelope> expected = new ArrayList<>();
        new AlertStreamGenerator(config).forEachRemaining(expected::add);

        ProducerReport report =
                new KafkaStreamProducer(target("gen-alerts"), "gen-acks", 2)
                        .send(new AlertStreamGenerator(config), 0);

        List<Envelope> expectedAcks =
                expected.stream().filter(e -> e.topic().equals(Envelope.ACKS)).toList();
        assertThat(report.alerts()).isEqualTo(ALERTS);
        assertThat(report.acks()).isEqualTo(expectedAcks.size()).isPositive();

        assertSameRecords(
                kafka.awaitCommitted("gen-alerts", ALERTS),
                expected.stream().filter(e -> e.topic().equals(Envelope.ALERTS)).toList());
        assertSameRecords(kafka.awaitCommitted("gen-acks", expectedAcks.size()), expectedAcks);
    }

    @Test
    void aRateLimitHoldsTheProducerBack() throws Exception {
        // 3,000 records at 6,000/s cannot finish in much less than half a second.
        GeneratorConfig config = GeneratorConfig.of(4, 3_000, AlertFormat.NATIVE);
        ProducerReport report =
                new KafkaStreamProducer(target("paced-alerts"), "paced-acks", 1)
                        .send(new AlertStreamGenerator(config), 6_000);
        assertThat(report.alerts()).isEqualTo(3_000);
        assertThat(report.seconds()).isGreaterThan(0.45);
        assertThat(kafka.awaitCommitted("paced-alerts", 3_000)).hasSize(3_000);
    }

    private static KafkaTarget target(String topic) {
        return KafkaTarget.parse("kafka://" + kafka.bootstrapServers() + "/" + topic);
    }

    /** Same records (key, timestamp, value bytes), and per key in the same order. */
    private static void assertSameRecords(
            List<ConsumerRecord<byte[], byte[]>> actual, List<Envelope> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual).allMatch(r -> r.timestampType() == TimestampType.CREATE_TIME);
        // Records come partition by partition in offset order; one key lives in one partition.
        Map<String, List<String>> actualByKey =
                byKey(
                        actual.stream()
                                .map(
                                        r ->
                                                new Envelope(
                                                        r.timestamp(),
                                                        new String(r.key(), StandardCharsets.UTF_8),
                                                        "",
                                                        new String(
                                                                r.value(), StandardCharsets.UTF_8),
                                                        false))
                                .toList());
        Map<String, List<String>> expectedByKey =
                byKey(
                        expected.stream()
                                .map(
                                        e ->
                                                new Envelope(
                                                        e.ts(),
                                                        e.key(),
                                                        "",
                                                        new String(
                                                                e.value(), StandardCharsets.UTF_8),
                                                        false))
                                .toList());
        assertThat(actualByKey).isEqualTo(expectedByKey);
    }

    /** Per key, "ts payload" in order (a key always lands in the same partition). */
    private static Map<String, List<String>> byKey(List<Envelope> records) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (Envelope e : records) {
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.ts() + " " + e.payload());
        }
        return byKey;
    }
}
