package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.cli.DatasetsCli;
import dev.pagerboy.datasets.history.OutageHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code datasets history --to kafka://…} against a real embedded broker: the topics it creates get
 * two partitions; every alert lands on the partition its node's key hashes to, in time order; every
 * tick lands on every partition of the ticks topic, so no partition holds event time back. What
 * comes back is the history, record for record (timestamp, key, value).
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HistoryKafkaTest {
    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final String START = "2020-01-01T00:00:00Z";

    @Test
    void alertsGoToTheirNodesPartitionAndTicksToEveryPartition() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                DatasetsCli.run(
                        new String[] {
                            "history",
                            "--seed",
                            "3",
                            "--years",
                            "1",
                            "--nodes",
                            "6",
                            "--start",
                            START,
                            "--to",
                            "kafka://" + kafka.bootstrapServers() + "/history-alerts",
                            "--ticks-topic",
                            "history-ticks"
                        },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

        OutageHistory history =
                new OutageHistory(
                        3, Instant.parse(START).toEpochMilli(), 365, 6, 10.0, OutageHistory.DAY);
        List<Envelope> alerts =
                history.envelopes().stream()
                        .filter(e -> !e.topic().equals(OutageHistory.TICKS))
                        .toList();
        List<Envelope> ticks =
                history.envelopes().stream()
                        .filter(e -> e.topic().equals(OutageHistory.TICKS))
                        .toList();
        assertThat(alerts).isNotEmpty();
        assertThat(ticks).hasSize(366);

        Map<Integer, List<String>> expectedAlerts = new TreeMap<>();
        for (Envelope e : alerts) {
            expectedAlerts
                    .computeIfAbsent(Math.floorMod(e.key().hashCode(), 2), p -> new ArrayList<>())
                    .add(line(e.ts(), e.key(), e.payload()));
        }
        assertThat(byPartition(kafka.awaitCommitted("history-alerts", alerts.size())))
                .isEqualTo(expectedAlerts);

        List<String> tickLines = ticks.stream().map(e -> line(e.ts(), null, e.payload())).toList();
        assertThat(byPartition(kafka.awaitCommitted("history-ticks", 2 * ticks.size())))
                .isEqualTo(Map.of(0, tickLines, 1, tickLines));

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("sent " + alerts.size() + " alerts to history-alerts")
                .contains(2 * ticks.size() + " ticks to history-ticks");
    }

    /** Per partition, in offset order: "ts key value". */
    private static Map<Integer, List<String>> byPartition(
            List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(
                            line(
                                    r.timestamp(),
                                    r.key() == null
                                            ? null
                                            : new String(r.key(), StandardCharsets.UTF_8),
                                    new String(r.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String line(long ts, String key, String value) {
        return ts + " " + key + " " + value;
    }
}
