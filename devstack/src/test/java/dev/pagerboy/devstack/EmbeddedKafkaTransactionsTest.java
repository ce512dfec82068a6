package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions on the embedded broker behave as exactly-once sinks and read_committed need. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaTransactionsTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final int COMMITTED = 10_000;
    private static final int PER_TRANSACTION = 1_000;
    private static final int ABORTED = 500;

    /** Values of aborted records start here, so any leak is recognisable. */
    private static final int ABORTED_BASE = 1_000_000;

    @Test
    void readCommittedConsumerSeesEveryCommittedRecordAndNoAbortedOne() throws Exception {
        kafka.createTopics(3, "tx-records");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.transactionalProducerProperties("tx-test"))) {
            producer.initTransactions();
            for (int start = 0; start < COMMITTED; start += PER_TRANSACTION) {
                producer.beginTransaction();
                for (int i = start; i < start + PER_TRANSACTION; i++) {
                    producer.send(record("tx-records", i));
                }
                producer.commitTransaction();
                if (start == COMMITTED / 2) {
                    producer.beginTransaction();
                    for (int i = 0; i < ABORTED; i++) {
                        producer.send(record("tx-records", ABORTED_BASE + i));
                    }
                    producer.flush(); // the aborted records really reach the log before the abort
                    producer.abortTransaction();
                }
            }
        }

        List<Integer> committed = consumeAll(kafka.readCommittedConsumerProperties(), COMMITTED);
        assertThat(committed).hasSize(COMMITTED).doesNotHaveDuplicates();
        assertThat(committed).allMatch(v -> v >= 0 && v < COMMITTED);

        // The aborted records are in the log: a read_uncommitted consumer sees them.
        Properties uncommitted = kafka.readCommittedConsumerProperties();
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        assertThat(consumeAll(uncommitted, COMMITTED + ABORTED))
                .hasSize(COMMITTED + ABORTED)
                .filteredOn(v -> v >= ABORTED_BASE)
                .hasSize(ABORTED);

        // The fixture's one-shot reader agrees with the subscribed consumer.
        assertThat(kafka.awaitCommitted("tx-records", COMMITTED))
                .map(r -> ByteBuffer.wrap(r.value()).getInt())
                .containsExactlyInAnyOrderElementsOf(committed);
        // ... and so does the counter that keeps nothing (the benchmark counts notifications).
        assertThat(
                        CommittedRecords.count(
                                kafka.bootstrapServers(), "tx-records", Duration.ofSeconds(30)))
                .isEqualTo(COMMITTED);
    }

    @Test
    void openTransactionIsInvisibleUntilCommitted() throws Exception {
        kafka.createTopics("tx-open");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.transactionalProducerProperties("tx-open-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record("tx-open", 1));
            producer.flush();
            assertThat(kafka.readCommitted("tx-open")).isEmpty();
            producer.commitTransaction();
        }
        assertThat(kafka.awaitCommitted("tx-open", 1)).hasSize(1);
    }

    @Test
    void createTopicsGivesRequestedPartitionsAndKeepsExistingTopics() throws Exception {
        kafka.createTopics(4, "four-partitions");
        kafka.createTopics(4, "four-partitions"); // idempotent
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(kafka.readCommittedConsumerProperties())) {
            assertThat(consumer.partitionsFor("four-partitions")).hasSize(4);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int value) {
        byte[] bytes = ByteBuffer.allocate(4).putInt(value).array();
        return new ProducerRecord<>(topic, bytes, bytes);
    }

    /** Subscribes in a fresh group and polls until {@code expected} records or a 60 s timeout. */
    private static List<Integer> consumeAll(Properties properties, int expected) {
        List<Integer> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("tx-records"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(ByteBuffer.wrap(r.value()).getInt());
                }
            }
            // One more poll: a leak of aborted records would show up as extra values here.
            consumer.poll(Duration.ofMillis(500))
                    .forEach(r -> values.add(ByteBuffer.wrap(r.value()).getInt()));
        }
        return values;
    }
}
