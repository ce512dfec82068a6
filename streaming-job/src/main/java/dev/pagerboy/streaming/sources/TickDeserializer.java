package dev.pagerboy.streaming.sources;

import dev.pagerboy.streaming.records.Tick;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the {@code ticks} topic is a tick at its Kafka timestamp; key and value are ignored,
 * so any producer (the demo's accelerated clock, a test, a cron job) can drive time. The tick keeps
 * the record's coordinates: they are its identity in the archive.
 */
public final class TickDeserializer implements KafkaRecordDeserializationSchema<Tick> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tick> out) {
        out.collect(
                new Tick(record.timestamp(), record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<Tick> getProducedType() {
        return TypeInformation.of(Tick.class);
    }
}
