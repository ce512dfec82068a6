package dev.pagerboy.tools.chaos;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A scenario's input, written to Kafka before the job starts: a seeded generated alert stream (the
 * datasets generator: Alertmanager webhooks with repeats, flaps and storms) on an alerts topic, and
 * the run's clock on a ticks topic (ticks from the first to the last alert, the last one exactly at
 * the last alert), so that the job's bounded run has a defined end and its notifications do not
 * depend on scheduling. Every run of a scenario set reads the same topics with its own consumer
 * group, so a faulty run and the fault-free run see the same bytes.
 *
 * @param alertsTopic where the alerts are
 * @param ticksTopic where the clock is
 * @param partitionEnds for each partition of {@code alertsTopic}, its end offset after loading
 *     (every offset below it is one input the archive must hold exactly once)
 * @param hostile how many of the records are hostile (expected as dead letters)
 */
record ChaosInput(String alertsTopic, String ticksTopic, long[] partitionEnds, long hostile) {

    static final int PARTITIONS = 2;
    private static final long MAX_TICKS = 100;

    /** How many records the alerts topic holds. */
    long inputs() {
        long n = 0;
        for (long end : partitionEnds) {
            n += end;
        }
        return n;
    }

    /** Writes {@code alerts} generated alerts with {@code seed}, then the clock. */
    static ChaosInput load(
            String bootstrap, String alertsTopic, String ticksTopic, long seed, long alerts) {
        return load(bootstrap, alertsTopic, ticksTopic, seed, alerts, List.of(), 0);
    }

    /**
     * The same, with {@code hostile} payloads inserted after every {@code every}-th alert (each one
     * with the previous alert's key and timestamp, so the stream's event time is unchanged).
     */
    static ChaosInput load(
            String bootstrap,
            String alertsTopic,
            String ticksTopic,
            long seed,
            long alerts,
            List<byte[]> hostile,
            int every) {
        GeneratorConfig config = GeneratorConfig.of(seed, alerts, AlertFormat.ALERTMANAGER);
        long[] ends = new long[PARTITIONS];
        long first = Long.MIN_VALUE;
        long last = 0;
        long hostileSent = 0;
        Iterator<byte[]> nextHostile = hostile.iterator();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProperties(bootstrap))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            AlertStreamGenerator generator = new AlertStreamGenerator(config);
            long n = 0;
            while (generator.hasNext()) {
                Envelope e = generator.next();
                if (!Envelope.ALERTS.equals(e.topic())) {
                    continue;
                }
                int partition = Math.floorMod(e.key().hashCode(), PARTITIONS);
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        alertsTopic, partition, e.ts(), e.keyBytes(), e.value())));
                if (first == Long.MIN_VALUE) {
                    first = e.ts();
                }
                last = e.ts();
                n++;
                if (every > 0 && n % every == 0 && nextHostile.hasNext()) {
                    sent.add(
                            producer.send(
                                    new ProducerRecord<>(
                                            alertsTopic,
                                            partition,
                                            e.ts(),
                                            e.keyBytes(),
                                            nextHostile.next())));
                    hostileSent++;
                }
                if (sent.size() >= 10_000) {
                    record(sent, ends);
                }
            }
            while (nextHostile.hasNext()) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        alertsTopic, 0, last, new byte[0], nextHostile.next())));
                hostileSent++;
            }
            producer.flush();
            record(sent, ends);
            writeClock(producer, ticksTopic, first, last);
            producer.flush();
        }
        return new ChaosInput(alertsTopic, ticksTopic, ends, hostileSent);
    }

    private static void writeClock(
            KafkaProducer<byte[], byte[]> producer, String topic, long first, long last) {
        long interval = Math.max(1_000, (last - first) / MAX_TICKS);
        for (long t = first; t < last; t += interval) {
            producer.send(new ProducerRecord<>(topic, 0, t, null, new byte[0]));
        }
        producer.send(new ProducerRecord<>(topic, 0, last, null, new byte[0]));
    }

    private static void record(List<Future<RecordMetadata>> sent, long[] ends) {
        for (Future<RecordMetadata> f : sent) {
            try {
                RecordMetadata m = f.get();
                ends[m.partition()] = Math.max(ends[m.partition()], m.offset() + 1);
            } catch (Exception e) {
                throw new IllegalStateException("writing the scenario's input failed", e);
            }
        }
        sent.clear();
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
