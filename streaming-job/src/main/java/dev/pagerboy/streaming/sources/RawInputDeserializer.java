package dev.pagerboy.streaming.sources;

import dev.pagerboy.streaming.records.RawInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into a {@link RawInput} without looking at its bytes: parsing happens in the
 * pipeline, where a bad record becomes a dead letter instead of a failed source. The record's
 * coordinates (topic, partition, offset) and timestamp are kept because they are the input's
 * identity in the archive and its event time.
 */
public final class RawInputDeserializer implements KafkaRecordDeserializationSchema<RawInput> {

    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawInput> out) {
        out.collect(
                new RawInput(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value() == null ? EMPTY : record.value()));
    }

    @Override
    public TypeInformation<RawInput> getProducedType() {
        return TypeInformation.of(RawInput.class);
    }
}
