package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads the benchmark's input before anything reads it: a calibrated, seeded alert stream from the
 * datasets generator (Alertmanager webhooks with realistic repeats, flaps and storms). Loading
 * first keeps the producer out of the measurement.
 *
 * <p>Each record's Kafka timestamp (the job's event time) is either its generated send time
 * (history: weeks of alarms) or that time rescaled by an {@link EventTimeScale} to a live event
 * rate. Rescaling needs the generated span first, so in live mode the seeded generator runs twice;
 * keys and values are the same bytes in both modes.
 */
final class BenchInput {

    /**
     * What was loaded: how many alerts and their value bytes, the generated (unscaled) first and
     * last send times, the scale applied to them, and the generator's configuration.
     */
    record Loaded(
            long records,
            long valueBytes,
            long firstMillis,
            long lastMillis,
            EventTimeScale scale,
            GeneratorConfig generator) {

        /** Event time covered by the loaded records, in milliseconds, after rescaling. */
        long eventSpanMillis() {
            return scale.apply(lastMillis) - scale.apply(firstMillis);
        }

        /** Alerts per second of event time, as the job sees them. */
        double eventRate() {
            long span = eventSpanMillis();
            return span > 0 ? (records - 1) * 1000.0 / span : Double.POSITIVE_INFINITY;
        }
    }

    private BenchInput() {}

    /**
     * Writes {@code alerts} generated alerts to {@code topic}, with the generated timestamps when
     * {@code history}, else rescaled to {@code eventRate} alerts per second of event time.
     */
    static Loaded load(
            String bootstrapServers,
            String topic,
            long seed,
            long alerts,
            boolean history,
            double eventRate) {
        GeneratorConfig config = GeneratorConfig.of(seed, alerts, AlertFormat.ALERTMANAGER);
        EventTimeScale scale = EventTimeScale.identity();
        if (!history) {
            long[] span = span(config);
            scale = EventTimeScale.toRate(span[1], span[2], span[0], eventRate);
        }
        long written = 0;
        long valueBytes = 0;
        long first = 0;
        long last = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProperties(bootstrapServers))) {
            AlertStreamGenerator generator = new AlertStreamGenerator(config);
            while (generator.hasNext()) {
                Envelope e = generator.next();
                if (!Envelope.ALERTS.equals(e.topic())) {
                    continue;
                }
                producer.send(
                        new ProducerRecord<>(
                                topic, null, scale.apply(e.ts()), e.keyBytes(), e.value()));
                if (written == 0) {
                    first = e.ts();
                }
                last = e.ts();
                written++;
                valueBytes += e.value().length;
            }
            producer.flush();
        }
        return new Loaded(written, valueBytes, first, last, scale, config);
    }

    /** At most this many ticks are written (plus the last one), however long the input spans. */
    static final long MAX_TICKS = 100;

    /**
     * Writes the bounded run's clock to {@code ticksTopic}: ticks from the first to the last
     * alert's event time, the last one exactly at the last alert, at least 1 s of event time apart
     * and at most {@link #MAX_TICKS} of them. Returns the last tick's event time.
     *
     * <p>Time is an input: without ticks the job cannot know where the input's time ends, and a
     * group's {@code group_interval} flush armed before the input ended would run or not depending
     * on whether the watermark reached the group's first flush in steps or in the final jump to the
     * end of time, so the committed notifications would depend on scheduling. The ticks make the
     * end of the input part of the input (see {@code GroupFunction}, "End of input").
     */
    static long loadClock(String bootstrapServers, String ticksTopic, Loaded loaded) {
        long first = loaded.scale().apply(loaded.firstMillis());
        long last = loaded.scale().apply(loaded.lastMillis());
        long interval = Math.max(1_000, (last - first) / MAX_TICKS);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProperties(bootstrapServers))) {
            for (long t = first; t < last; t += interval) {
                producer.send(new ProducerRecord<>(ticksTopic, 0, t, null, new byte[0]));
            }
            producer.send(new ProducerRecord<>(ticksTopic, 0, last, null, new byte[0]));
            producer.flush();
        }
        return last;
    }

    /** {count, first, last send time} of the generated alerts: one extra walk of the stream. */
    private static long[] span(GeneratorConfig config) {
        AlertStreamGenerator generator = new AlertStreamGenerator(config);
        long count = 0;
        long first = 0;
        long last = 0;
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (!Envelope.ALERTS.equals(e.topic())) {
                continue;
            }
            if (count == 0) {
                first = e.ts();
            }
            last = e.ts();
            count++;
        }
        return new long[] {count, first, last};
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
