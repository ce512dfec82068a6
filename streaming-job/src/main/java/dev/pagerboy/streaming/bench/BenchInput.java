package dev.pagerboy.streaming.bench;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.format.AlertFormat;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads the benchmark's input before anything reads it: a calibrated, seeded alert stream from the
 * datasets generator (Alertmanager webhooks with realistic repeats, flaps and storms), each record
 * stamped with its generated send time. Loading first keeps the producer out of the measurement.
 */
final class BenchInput {

    private BenchInput() {}

    /** Writes {@code alerts} generated alerts to {@code topic}; returns how many were written. */
    static long load(String bootstrapServers, String topic, long seed, long alerts) {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(
                        GeneratorConfig.of(seed, alerts, AlertFormat.ALERTMANAGER));
        long written = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProperties(bootstrapServers))) {
            while (generator.hasNext()) {
                Envelope e = generator.next();
                if (!Envelope.ALERTS.equals(e.topic())) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, null, e.ts(), e.keyBytes(), e.value()));
                written++;
            }
            producer.flush();
        }
        return written;
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
