package dev.pagerboy.streaming.sinks;

import dev.pagerboy.streaming.records.DeadLetter;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Transactional Kafka sinks: records become visible to {@code read_committed} consumers only when
 * the checkpoint that covers them completes, so a crash and restore never shows a notification
 * twice or loses one.
 */
public final class ExactlyOnceKafkaSinks {

    private ExactlyOnceKafkaSinks() {}

    /** A JSON sink for {@code topic}; {@code role} keeps its transactional ids apart. */
    public static <T> KafkaSink<T> json(
            ExactlyOnceSinkSettings settings, String role, String topic, RecordKey<T> key) {
        return transactional(settings, role, new JsonKafkaSerializer<>(topic, key));
    }

    /**
     * Dead letters keyed by where the bad record came from ({@code topic/partition/offset}), so a
     * consumer can tell a re-read of the same record from a new one. An oversized one is truncated
     * to fit the producer's limit ({@link DeadLetterSerializer}); the archive keeps it whole.
     */
    public static KafkaSink<DeadLetter> deadLetters(
            ExactlyOnceSinkSettings settings, String topic) {
        return transactional(settings, "dead-letters", new DeadLetterSerializer(topic));
    }

    private static <T> KafkaSink<T> transactional(
            ExactlyOnceSinkSettings settings,
            String role,
            KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + role)
                .setProperty(
                        "transaction.timeout.ms",
                        Long.toString(settings.transactionTimeout().toMillis()))
                .setRecordSerializer(serializer)
                .build();
    }
}
