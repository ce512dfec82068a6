package dev.pagerboy.streaming.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling the job is compared with: plain Kafka clients copying a topic to another topic with
 * the same guarantees as the job (read_committed in, one transaction per checkpoint interval out,
 * input offsets committed inside the transaction), one worker per partition as the job has one
 * subtask per slot. Nothing is parsed or decided, so this is what the broker and clients allow.
 */
final class PassThrough {

    /** Records copied and the wall time from the first read to the last commit. */
    record Result(long records, Duration elapsed) {
        double perSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    private PassThrough() {}

    static Result copy(
            String bootstrapServers,
            String from,
            String to,
            int partitions,
            Map<TopicPartition, Long> endOffsets,
            Duration commitEvery)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(partitions);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                TopicPartition partition = new TopicPartition(from, p);
                long end = endOffsets.get(partition);
                results.add(
                        workers.submit(
                                () ->
                                        copyPartition(
                                                bootstrapServers,
                                                partition,
                                                end,
                                                to,
                                                commitEvery)));
            }
            long records = 0;
            long firstRead = Long.MAX_VALUE;
            long lastCommit = Long.MIN_VALUE;
            for (Future<long[]> f : results) {
                long[] r = f.get();
                records += r[0];
                firstRead = Math.min(firstRead, r[1]);
                lastCommit = Math.max(lastCommit, r[2]);
            }
            return new Result(records, Duration.ofNanos(lastCommit - firstRead));
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Copies one partition up to {@code end}; returns {records, firstReadNanos, lastCommitNanos}.
     */
    private static long[] copyPartition(
            String bootstrapServers,
            TopicPartition partition,
            long end,
            String to,
            Duration commitEvery) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(consumerProperties(bootstrapServers));
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                producerProperties(
                                        bootstrapServers,
                                        "passthrough-" + partition.partition()))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            producer.initTransactions();
            producer.beginTransaction();
            long copied = 0;
            long firstRead = 0;
            long lastCommit = System.nanoTime();
            while (consumer.position(partition) < end) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                if (copied == 0) {
                    firstRead = System.nanoTime();
                    lastCommit = firstRead;
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    producer.send(
                            new ProducerRecord<>(to, null, r.timestamp(), r.key(), r.value()));
                    copied++;
                }
                if (System.nanoTime() - lastCommit >= commitEvery.toNanos()) {
                    commit(consumer, producer, partition);
                    producer.beginTransaction();
                    lastCommit = System.nanoTime();
                }
            }
            commit(consumer, producer, partition);
            if (copied == 0) {
                return new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE};
            }
            return new long[] {copied, firstRead, System.nanoTime()};
        }
    }

    private static void commit(
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer,
            TopicPartition partition) {
        producer.sendOffsetsToTransaction(
                Map.of(partition, new OffsetAndMetadata(consumer.position(partition))),
                consumer.groupMetadata());
        producer.commitTransaction();
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "passthrough");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Properties producerProperties(String bootstrapServers, String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
