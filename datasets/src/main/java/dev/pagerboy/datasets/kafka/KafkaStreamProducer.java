package dev.pagerboy.datasets.kafka;

import dev.pagerboy.datasets.Envelope;
import java.util.Iterator;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends an envelope stream to Kafka at a controlled rate: the envelope's key as record key, its
 * payload bytes as value and its send time as the record timestamp. Alert records go to the alerts
 * topic, acknowledgments to the acks topic; both are created when missing, without time-based
 * retention (the records' times are simulated and usually in the past).
 *
 * <p>The stream is generated and encoded on a second thread ({@link Prefetcher}). Tuned for
 * throughput on a small machine: large batches with a short linger, lz4 compression, leader-only
 * acks and no idempotence (the stream is a benchmark input, resent whole if needed). Note that
 * brokers reject record timestamps more than {@code log.message.timestamp.after.max.ms} (1 hour by
 * default in Kafka 4) in the future: start the timeline in the past.
 */
public final class KafkaStreamProducer {
    public static final String DEFAULT_COMPRESSION = "lz4";
    private static final List<String> COMPRESSIONS =
            List.of("none", "gzip", "snappy", "lz4", "zstd");

    private final KafkaTarget target;
    private final String acksTopic;
    private final int partitions;
    private final String compression;

    public KafkaStreamProducer(KafkaTarget target, String acksTopic, int partitions) {
        this(target, acksTopic, partitions, DEFAULT_COMPRESSION);
    }

    /** With a Kafka {@code compression.type}: none, gzip, snappy, lz4 or zstd. */
    public KafkaStreamProducer(
            KafkaTarget target, String acksTopic, int partitions, String compression) {
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException(
                    "--compression must be one of " + COMPRESSIONS + ", got '" + compression + "'");
        }
        this.target = target;
        this.acksTopic = acksTopic;
        this.partitions = partitions;
        this.compression = compression;
    }

    /** Sends every envelope; rate 0 = as fast as possible. Throws if the broker fails a send. */
    public ProducerReport send(Iterator<Envelope> envelopes, double recordsPerSecond)
            throws InterruptedException {
        ensureTopics();
        AtomicLong alerts = new AtomicLong();
        AtomicLong acks = new AtomicLong();
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
                bytes += e.value().length;
                AtomicLong counter = e.ack() ? acks : alerts;
                producer.send(
                        new ProducerRecord<>(
                                e.ack() ? acksTopic : target.alertsTopic(),
                                null,
                                e.ts(),
                                e.key(),
                                e.value()),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                counter.incrementAndGet();
                            }
                        });
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
        return new ProducerReport(alerts.get(), acks.get(), bytes, elapsed);
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
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
            for (String topic : List.of(target.alertsTopic(), acksTopic)) {
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
