package dev.pagerboy.datasets.kafka;

import dev.pagerboy.datasets.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends an envelope stream to Kafka, the one writer of {@code datasets generate --to} and {@code
 * datasets history --to}: the envelope's key as record key, its payload bytes as value and its send
 * time as the record timestamp. Each of the stream's topics ({@link Envelope#ALERTS}, {@link
 * Envelope#ACKS}, {@link Envelope#TICKS}) goes to the Kafka topic it is mapped to; those topics are
 * created when missing, without time-based retention (the records' times are simulated and usually
 * in the past). A tick goes to <em>every</em> partition of its topic, as a feeder that ticks each
 * partition does: a partition without ticks would hold event time back.
 *
 * <p>The stream is generated and encoded on a second thread ({@link Prefetcher}) and sent at a
 * controlled rate. How records are acknowledged and placed is the {@link Delivery}. Note that
 * brokers reject record timestamps more than {@code log.message.timestamp.after.max.ms} (1 hour by
 * default in Kafka 4) in the future: start the timeline in the past.
 */
public final class KafkaStreamProducer {
    public static final String DEFAULT_COMPRESSION = "lz4";
    private static final List<String> COMPRESSIONS =
            List.of("none", "gzip", "snappy", "lz4", "zstd");

    /** How records reach the broker. */
    public enum Delivery {
        /**
         * For throughput on a small machine, a benchmark input resent whole if needed: large
         * batches with a short linger, leader-only acks and no idempotence; the client's key hash
         * places records.
         */
        FAST,
        /**
         * For a bounded run that reads event time from the order of records: acknowledged by all
         * replicas and idempotent, so a retry cannot reorder them; each record is placed here by
         * its key's hash, so the same options put the same records in the same place on any broker
         * and client.
         */
        IN_ORDER
    }

    private final KafkaTarget target;
    private final Map<String, String> topics;
    private final int partitions;
    private final String compression;
    private final Delivery delivery;

    /** A {@link Delivery#FAST} producer of alerts and acks with lz4 compression. */
    public KafkaStreamProducer(KafkaTarget target, String acksTopic, int partitions) {
        this(target, acksTopic, partitions, DEFAULT_COMPRESSION);
    }

    /**
     * A {@link Delivery#FAST} producer of alerts and acks with a Kafka {@code compression.type}:
     * none, gzip, snappy, lz4 or zstd.
     */
    public KafkaStreamProducer(
            KafkaTarget target, String acksTopic, int partitions, String compression) {
        this(target, Map.of(Envelope.ACKS, acksTopic), partitions, compression, Delivery.FAST);
    }

    /**
     * @param target the broker, and the Kafka topic of the stream's alerts
     * @param otherTopics the Kafka topic of each other topic of the stream (acks, ticks)
     * @param partitions partitions of the topics it creates
     * @param compression a Kafka {@code compression.type}: none, gzip, snappy, lz4 or zstd
     * @param delivery how records are acknowledged and placed
     */
    public KafkaStreamProducer(
            KafkaTarget target,
            Map<String, String> otherTopics,
            int partitions,
            String compression,
            Delivery delivery) {
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException(
                    "--compression must be one of " + COMPRESSIONS + ", got '" + compression + "'");
        }
        this.target = target;
        this.topics = new LinkedHashMap<>();
        this.topics.put(Envelope.ALERTS, target.alertsTopic());
        this.topics.putAll(otherTopics);
        this.partitions = partitions;
        this.compression = compression;
        this.delivery = delivery;
    }

    /** Sends every envelope; rate 0 = as fast as possible. Throws if the broker fails a send. */
    public ProducerReport send(Iterator<Envelope> envelopes, double recordsPerSecond)
            throws InterruptedException {
        ensureTopics();
        Map<String, Integer> partitionCounts = new HashMap<>();
        AtomicLong alerts = new AtomicLong();
        AtomicLong acks = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long sent = 0;
        RatePacer pacer = new RatePacer(recordsPerSecond);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig());
                Prefetcher records = new Prefetcher(envelopes)) {
            while (records.hasNext() && failure.get() == null) {
                pacer.awaitTurn(sent);
                Prefetcher.Encoded e = records.next();
                String topic = topics.get(e.topic());
                if (topic == null) {
                    throw new IllegalStateException(
                            "no Kafka topic for the stream's topic '" + e.topic() + "'");
                }
                AtomicLong counter =
                        switch (e.topic()) {
                            case Envelope.ACKS -> acks;
                            case Envelope.TICKS -> ticks;
                            default -> alerts;
                        };
                Callback counted =
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                counter.incrementAndGet();
                            }
                        };
                // The client waits for a created topic's metadata here, as it would in send().
                int count =
                        partitionCounts.computeIfAbsent(
                                topic, t -> producer.partitionsFor(t).size());
                if (e.topic().equals(Envelope.TICKS)) {
                    for (int p = 0; p < count; p++) {
                        producer.send(
                                new ProducerRecord<>(topic, p, e.ts(), null, e.value()), counted);
                        bytes += e.value().length;
                    }
                } else {
                    producer.send(
                            new ProducerRecord<>(
                                    topic, partition(e.key(), count), e.ts(), e.key(), e.value()),
                            counted);
                    bytes += e.value().length;
                }
                sent++;
            }
            producer.flush();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "Kafka at "
                            + target.bootstrapServers()
                            + " refused a record: "
                            + failure.get().getMessage(),
                    failure.get());
        }
        return new ProducerReport(alerts.get(), acks.get(), ticks.get(), bytes, elapsed);
    }

    /** The partition of a keyed record, or null to leave it to the client's key hash. */
    private Integer partition(byte[] key, int count) {
        return switch (delivery) {
            case FAST -> null;
            case IN_ORDER ->
                    Math.floorMod(new String(key, StandardCharsets.UTF_8).hashCode(), count);
        };
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        switch (delivery) {
            case FAST -> {
                p.put(ProducerConfig.ACKS_CONFIG, "1");
                p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
                p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
                p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
                p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
            }
            // Idempotence is the client's default with acks=all.
            case IN_ORDER -> p.put(ProducerConfig.ACKS_CONFIG, "all");
        }
        return p;
    }

    /** Creates the topics that are missing, so a fresh broker needs no setup. */
    private void ensureTopics() {
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            for (String topic : topics.values()) {
                if (!existing.contains(topic)) {
                    try {
                        // Records carry simulated (past) times: time-based retention would delete
                        // them minutes after they arrive, so created topics keep everything.
                        NewTopic newTopic =
                                new NewTopic(topic, partitions, (short) 1)
                                        .configs(Map.of("retention.ms", "-1"));
                        admin.createTopics(List.of(newTopic)).all().get(20, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at " + target.bootstrapServers() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        }
    }
}
