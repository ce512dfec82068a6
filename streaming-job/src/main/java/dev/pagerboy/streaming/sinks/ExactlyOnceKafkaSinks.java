package dev.pagerboy.streaming.sinks;

import dev.pagerboy.streaming.records.DeadLetter;
import org.apache.flink.connector.base.DeliveryGuarantee;
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
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + role)
                .setProperty(
                        "transaction.timeout.ms",
                        Long.toString(settings.transactionTimeout().toMillis()))
                .setRecordSerializer(new JsonKafkaSerializer<>(topic, key))
                .build();
    }

    /**
     * Dead letters keyed by where the bad record came from ({@code topic/partition/offset}), so a
     * consumer can tell a re-read of the same record from a new one.
     */
    public static KafkaSink<DeadLetter> deadLetters(
            ExactlyOnceSinkSettings settings, String topic) {
        return json(
                settings,
                "dead-letters",
                topic,
                d -> d.topic() + "/" + d.partition() + "/" + d.offset());
    }
}
