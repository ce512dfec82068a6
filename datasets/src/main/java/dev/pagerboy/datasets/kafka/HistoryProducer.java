package dev.pagerboy.datasets.kafka;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.history.OutageHistory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Writes an {@link OutageHistory} to Kafka for a bounded run with {@code --clock topic}: alerts on
 * the alerts topic, each on the partition of its node, and every tick on <em>every</em> partition
 * of the ticks topic, as a feeder that ticks each partition does (a partition without ticks would
 * hold event time back). Record timestamps are the history's times, which the job reads as event
 * time. Partitions are chosen here, not by the client's hash, so the same options put the same
 * records in the same place on any broker.
 */
public final class HistoryProducer {

    /** What was sent. */
    public record Report(long alerts, long ticks, long bytes, long nanos) {}

    private final KafkaTarget target;
    private final String ticksTopic;

    public HistoryProducer(KafkaTarget target, String ticksTopic) {
        this.target = target;
        this.ticksTopic = ticksTopic;
    }

    /** Sends the history in time order; throws if the broker fails a send. */
    public Report send(OutageHistory history) {
        long start = System.nanoTime();
        int alertPartitions = partitions(target.alertsTopic());
        int tickPartitions = partitions(ticksTopic);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long alerts = 0;
        long ticks = 0;
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            for (Envelope e : history.envelopes()) {
                if (failure.get() != null) {
                    break;
                }
                if (e.topic().equals(OutageHistory.TICKS)) {
                    for (int p = 0; p < tickPartitions; p++) {
                        producer.send(
                                new ProducerRecord<>(ticksTopic, p, e.ts(), null, e.value()),
                                (m, error) -> failure.compareAndSet(null, error));
                        ticks++;
                    }
                } else {
                    int p = Math.floorMod(e.key().hashCode(), alertPartitions);
                    producer.send(
                            new ProducerRecord<>(
                                    target.alertsTopic(), p, e.ts(), e.keyBytes(), e.value()),
                            (m, error) -> failure.compareAndSet(null, error));
                    alerts++;
                }
                bytes += e.payload().length();
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "Kafka at "
                            + target.bootstrapServers()
                            + " refused a record: "
                            + failure.get().getMessage(),
                    failure.get());
        }
        return new Report(alerts, ticks, bytes, System.nanoTime() - start);
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, KafkaStreamProducer.DEFAULT_COMPRESSION);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        return p;
    }

    /**
     * The partition count of {@code topic}, created with two partitions and no time-based retention
     * when missing (the records carry times years in the past).
     */
    private int partitions(String topic) {
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                try {
                    admin.createTopics(
                                    List.of(
                                            new NewTopic(topic, 2, (short) 1)
                                                    .configs(Map.of("retention.ms", "-1"))))
                            .all()
                            .get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(20, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
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
