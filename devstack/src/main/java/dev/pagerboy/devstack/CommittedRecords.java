package dev.pagerboy.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads everything that is committed in a topic right now, the way a downstream system that only
 * trusts exactly-once output sees it ({@code isolation.level=read_committed}).
 *
 * <p>It reads each partition from the beginning up to its last stable offset, the end offset a
 * read_committed consumer is given, so it returns as soon as the committed data is read instead of
 * waiting for a timeout. Records of aborted transactions are never returned; records of a
 * transaction still open are not returned yet. No consumer group is used, so nothing is committed.
 *
 * <p>Kafka writes a transaction's commit markers asynchronously, just after {@code
 * commitTransaction()} returns (and after a Flink checkpoint completes), so data committed a moment
 * ago may not be visible yet: use {@link #awaitAtLeast} when a test knows how many records to
 * expect.
 */
public final class CommittedRecords {

    private CommittedRecords() {}

    /**
     * All committed records of {@code topic}, partition by partition in offset order.
     *
     * @throws IllegalStateException if the topic does not exist or reading takes longer than {@code
     *     timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        forEachCommitted(bootstrapServers, topic, timeout, records::add);
        records.sort(
                (a, b) ->
                        a.partition() != b.partition()
                                ? Integer.compare(a.partition(), b.partition())
                                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    /**
     * How many records of {@code topic} are committed, without keeping them (a million
     * notifications would not fit comfortably in a benchmark's heap).
     *
     * @throws IllegalStateException if the topic does not exist or reading takes longer than {@code
     *     timeout}
     */
    public static long count(String bootstrapServers, String topic, Duration timeout) {
        long[] count = {0};
        forEachCommitted(bootstrapServers, topic, timeout, r -> count[0]++);
        return count[0];
    }

    /**
     * Hands every committed record of {@code topic}, up to the end offsets of now, to {@code sink}.
     */
    private static void forEachCommitted(
            String bootstrapServers,
            String topic,
            Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(readCommittedProperties(bootstrapServers))) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, timeout).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);

            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "reading " + topic + " did not reach " + ends + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    // a poll may run past the end offsets taken above if more was committed since
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r);
                    }
                }
            }
        }
    }

    /**
     * Reads the committed records of {@code topic} again and again until there are at least {@code
     * expected} of them, and returns them all.
     *
     * @throws IllegalStateException if fewer than {@code expected} are committed within {@code
     *     timeout}; the message says how many there were
     */
    public static List<ConsumerRecord<byte[], byte[]>> awaitAtLeast(
            String bootstrapServers, String topic, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> records =
                    readAll(bootstrapServers, topic, timeout);
            if (records.size() >= expected) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        topic
                                + " has "
                                + records.size()
                                + " committed records after "
                                + timeout
                                + ", expected at least "
                                + expected);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + topic, e);
            }
        }
    }

    /**
     * Waits until no transaction on the broker is between commit and its markers ({@code
     * PREPARE_COMMIT}/{@code PREPARE_ABORT}), so that everything already committed is visible to
     * read_committed readers. Call it after stopping a transactional writer, before reading.
     */
    public static void awaitSettled(String bootstrapServers, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            ListTransactionsOptions settling =
                    new ListTransactionsOptions()
                            .filterStates(
                                    List.of(
                                            TransactionState.PREPARE_COMMIT,
                                            TransactionState.PREPARE_ABORT));
            while (!admin.listTransactions(settling).all().get(30, TimeUnit.SECONDS).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "transactions still completing after " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean reachedEnd(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Consumer settings that see only committed records: no group, bytes in, bytes out. */
    public static Properties readCommittedProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }
}
