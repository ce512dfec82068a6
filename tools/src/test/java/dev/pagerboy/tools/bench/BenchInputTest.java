package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two throughput inputs differ in their Kafka timestamps only. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BenchInputTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void liveInputKeepsOrderAndContentAtTheRequestedEventRate() {
        kafka.createTopics(2, "in-history", "in-live");

        BenchInput.Loaded history =
                BenchInput.load(kafka.bootstrapServers(), "in-history", 7, 300, true, 1);
        BenchInput.Loaded live =
                BenchInput.load(kafka.bootstrapServers(), "in-live", 7, 300, false, 100);

        List<ConsumerRecord<byte[], byte[]>> original = kafka.awaitCommitted("in-history", 300);
        List<ConsumerRecord<byte[], byte[]>> rescaled = kafka.awaitCommitted("in-live", 300);
        assertThat(history.records()).isEqualTo(300);
        assertThat(live.records()).isEqualTo(300);
        // Generated history spans hours; the live copy spans 299 / 100 alerts/s = 2.99 s.
        assertThat(span(original)).isEqualTo(history.lastMillis() - history.firstMillis());
        assertThat(span(original)).isGreaterThan(3_600_000);
        assertThat(span(rescaled)).isEqualTo(2_990);
        assertThat(live.eventRate()).isEqualTo(100.0);
        assertThat(min(rescaled)).isEqualTo(min(original));
        // Same records, in the same order per partition, each moved to its rescaled time.
        for (int p = 0; p < 2; p++) {
            List<ConsumerRecord<byte[], byte[]>> a = partition(original, p);
            List<ConsumerRecord<byte[], byte[]>> b = partition(rescaled, p);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).value()).isEqualTo(a.get(i).value());
                assertThat(b.get(i).key()).isEqualTo(a.get(i).key());
                assertThat(b.get(i).timestamp())
                        .isEqualTo(live.scale().apply(a.get(i).timestamp()));
            }
            assertThat(b.stream().mapToLong(ConsumerRecord::timestamp).toArray()).isSorted();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> partition(
            List<ConsumerRecord<byte[], byte[]>> records, int p) {
        return records.stream()
                .filter(r -> r.partition() == p)
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
    }

    private static long min(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
    }

    private static long span(List<ConsumerRecord<byte[], byte[]>> records) {
        long[] ts = records.stream().mapToLong(ConsumerRecord::timestamp).toArray();
        return Arrays.stream(ts).max().orElseThrow() - Arrays.stream(ts).min().orElseThrow();
    }
}
