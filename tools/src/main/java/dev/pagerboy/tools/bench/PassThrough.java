package dev.pagerboy.tools.bench;

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
 *
 * <p>It is meant as a fair best effort, so the clients are tuned for bulk copying: large fetches
 * and polls, 256 KiB producer batches (the defaults, 500 records per poll and 16 KiB batches of ~11
 * alerts, cost about twice the CPU per record). The producer keeps one request in flight: with
 * Kafka 4.x transactions v2 (KIP-890) the epoch is bumped at every commit, so each transaction
 * restarts its sequence numbers at 0, and the broker rejects any later batch that reaches a
 * partition before the transaction's first one has been verified (KAFKA-18202: a retriable {@code
 * OUT_OF_ORDER_SEQUENCE_NUMBER}, retried after a back-off). With several batches in flight that
 * race was lost at about one transaction start in ten; with one in flight it cannot happen, and on
 * this machine the copy costs no more CPU per record.
 */
final class PassThrough {

    /**
     * Records copied, the wall time from the first read to the last commit, and the CPU time this
     * JVM (clients and the embedded broker) spent meanwhile.
     */
    record Result(long records, Duration elapsed, Duration cpu) {
        double perSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }

        /** CPU microseconds per record: less sensitive than the rate to other load on the host. */
        double cpuMicrosPerRecord() {
            return records == 0 ? 0 : cpu.toNanos() / 1e3 / records;
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
        return copy(bootstrapServers, from, to, partitions, endOffsets, commitEvery, "passthrough");
    }

    /**
     * Copies {@code from} up to {@code endOffsets} into {@code to}; {@code id} names the consumer
     * group and prefixes the transactional ids, so that copies with different ids are independent.
     */
    static Result copy(
            String bootstrapServers,
            String from,
            String to,
            int partitions,
            Map<TopicPartition, Long> endOffsets,
            Duration commitEvery,
            String id)
            throws Exception {
        long cpuBefore = ProcessCpu.nanos();
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
                                                commitEvery,
                                                id)));
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
            Duration cpu = Duration.ofNanos(ProcessCpu.nanos() - cpuBefore);
            return new Result(records, Duration.ofNanos(lastCommit - firstRead), cpu);
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
            Duration commitEvery,
            String id) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(consumerProperties(bootstrapServers, id));
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                producerProperties(
                                        bootstrapServers, id + "-" + partition.partition()))) {
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

    static Properties consumerProperties(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producerProperties(String bootstrapServers, String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 << 10));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
