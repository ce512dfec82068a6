package dev.pagerboy.streaming.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a Java record as a JSON Kafka value under a stable key. The key is what makes the output
 * idempotent downstream (the notification's idempotency key, the dead letter's source coordinates),
 * and it also sends every record about one thing to one partition, in order.
 *
 * <p>Map keys are sorted so that equal records always produce equal bytes.
 */
public final class JsonKafkaSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RecordKey<T> key;
    private transient ObjectMapper json;

    public JsonKafkaSerializer(String topic, RecordKey<T> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        json = mapper();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T record, KafkaSinkContext context, Long timestamp) {
        if (json == null) {
            json = mapper();
        }
        try {
            return new ProducerRecord<>(
                    topic,
                    null,
                    timestamp,
                    key.of(record).getBytes(StandardCharsets.UTF_8),
                    json.writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing loudly beats writing a partial value.
            throw new IllegalStateException("cannot write " + record + " as JSON", e);
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }
}
