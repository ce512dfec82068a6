package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The benchmark's reference copy moves every record exactly once, and only committed ones. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PassThroughTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void copiesEveryRecordOnceWithTransactions() throws Exception {
        kafka.createTopics(2, "pt-in", "pt-out");
        long[] perPartition = new long[2];
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.producerProperties())) {
            for (int i = 0; i < 3_000; i++) {
                producer.send(
                        new ProducerRecord<>(
                                "pt-in", i % 2, null, ("v" + i).getBytes(StandardCharsets.UTF_8)));
                perPartition[i % 2]++;
            }
        }
        Map<TopicPartition, Long> ends =
                Map.of(
                        new TopicPartition("pt-in", 0), perPartition[0],
                        new TopicPartition("pt-in", 1), perPartition[1]);

        PassThrough.Result result =
                PassThrough.copy(
                        kafka.bootstrapServers(),
                        "pt-in",
                        "pt-out",
                        2,
                        ends,
                        Duration.ofMillis(50));

        assertThat(result.records()).isEqualTo(3_000);
        assertThat(result.perSecond()).isPositive();
        // The benchmark copies the same input twice (before and after the job): same ids, same
        // group.
        kafka.createTopics(2, "pt-out-2");
        PassThrough.Result again =
                PassThrough.copy(
                        kafka.bootstrapServers(),
                        "pt-in",
                        "pt-out-2",
                        2,
                        ends,
                        Duration.ofMillis(50));
        assertThat(again.records()).isEqualTo(3_000);
        assertThat(again.perSecond()).isPositive();
        assertThat(kafka.awaitCommitted("pt-out", 3_000))
                .hasSize(3_000)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .doesNotHaveDuplicates();
    }
}
