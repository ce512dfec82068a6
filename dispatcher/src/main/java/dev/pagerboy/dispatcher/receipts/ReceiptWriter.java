package dev.pagerboy.dispatcher.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes receipts to the {@code receipts} topic and says when each is durable: {@code acks=all}
 * with the idempotent producer, and a future that completes only when the broker has the receipt on
 * all in-sync replicas. The replica commits a page's offset only after that future, so a receipt is
 * never lost behind a committed offset.
 */
public final class ReceiptWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public ReceiptWriter(String bootstrapServers, String topic, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    /**
     * Sends {@code receipt} as a record with the Kafka timestamp {@code eventTime}; the future
     * completes when it is durable, or fails.
     *
     * @param eventTime the receipt's time in the job's event time: the job reads receipts as an
     *     input and escalates a failed page at this instant
     */
    public CompletableFuture<Void> write(Receipt receipt, long eventTime) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        producer.send(
                new ProducerRecord<>(
                        topic, null, eventTime, receipt.idempotencyKey(), json(receipt)),
                (metadata, error) -> {
                    if (error == null) {
                        durable.complete(null);
                    } else {
                        durable.completeExceptionally(error);
                    }
                });
        return durable;
    }

    /** Sends what is buffered and waits for it. */
    public void flush() {
        producer.flush();
    }

    public static byte[] json(Receipt receipt) {
        try {
            return JSON.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt always serializes", e);
        }
    }

    public static Receipt read(byte[] value) throws java.io.IOException {
        return JSON.readValue(value, Receipt.class);
    }

    @Override
    public void close() {
        producer.close();
    }
}
