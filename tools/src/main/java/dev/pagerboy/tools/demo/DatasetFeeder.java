package dev.pagerboy.tools.demo;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.streaming.config.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays a recorded alert stream into Kafka on an accelerated clock, and drives the job's clock
 * through the ticks topic while doing so.
 *
 * <p>Each envelope goes to the topic it names ({@code alerts}, {@code acks}) with its original send
 * time as the Kafka timestamp, which is the job's event time. Between envelopes the feeder sends a
 * tick to every partition of the ticks topic at a fixed wall-clock interval, carrying the replay
 * clock's event time, so group timers fire during quiet stretches just as they would live. After
 * the last envelope the clock runs on for {@code drain} more event time, so groups still waiting
 * flush.
 */
final class DatasetFeeder {

    /** What the feeder did, for the summary. */
    record Report(long alerts, long acks, long ticks, long firstEventTime, long lastEventTime) {}

    /** One progress update: envelopes sent so far out of the total, and the replay's event time. */
    record Progress(long sent, long total, long eventTime) {}

    private final String bootstrapServers;
    private final KafkaSettings.Topics topics;
    private final int tickPartitions;
    private final long tickEveryWallMillis;

    DatasetFeeder(
            String bootstrapServers,
            KafkaSettings.Topics topics,
            int tickPartitions,
            long tickEveryWallMillis) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.tickPartitions = tickPartitions;
        this.tickEveryWallMillis = tickEveryWallMillis;
    }

    /**
     * Sends {@code envelopes} (in send-time order) at {@code speed}× real time, reporting progress
     * about once per wall-clock second, then advances the clock by {@code drainMillis}.
     *
     * @throws IllegalArgumentException for an envelope naming a topic the job does not read
     */
    Report feed(
            List<Envelope> envelopes, double speed, long drainMillis, Consumer<Progress> progress)
            throws InterruptedException {
        if (envelopes.isEmpty()) {
            throw new IllegalArgumentException("the dataset holds no records");
        }
        Map<String, String> topicOf =
                Map.of(Envelope.ALERTS, topics.alerts(), Envelope.ACKS, topics.acks());
        long first = envelopes.get(0).ts();
        long last = envelopes.get(envelopes.size() - 1).ts();
        ReplayClock clock = new ReplayClock(first, speed);
        long alerts = 0;
        long acks = 0;
        long ticks = 0;
        long nextTickWall = System.nanoTime();
        long nextProgressWall = System.nanoTime();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < envelopes.size(); i++) {
                Envelope e = envelopes.get(i);
                String topic = topicOf.get(e.topic());
                if (topic == null) {
                    throw new IllegalArgumentException(
                            "record "
                                    + (i + 1)
                                    + " names topic '"
                                    + e.topic()
                                    + "'; the demo replays only alerts and acks");
                }
                // Wait for the record's time, ticking the clock while the stream is quiet.
                while (clock.now() < e.ts()) {
                    if (System.nanoTime() >= nextTickWall) {
                        ticks += sendTick(producer, Math.min(clock.now(), e.ts()));
                        nextTickWall += TimeUnit.MILLISECONDS.toNanos(tickEveryWallMillis);
                    }
                    clock.sleepUntil(Math.min(e.ts(), clock.now() + wallToEvent(speed)));
                }
                producer.send(new ProducerRecord<>(topic, null, e.ts(), e.keyBytes(), e.value()));
                if (Envelope.ALERTS.equals(e.topic())) {
                    alerts++;
                } else {
                    acks++;
                }
                if (System.nanoTime() >= nextProgressWall) {
                    progress.accept(new Progress(i + 1, envelopes.size(), e.ts()));
                    nextProgressWall += TimeUnit.SECONDS.toNanos(1);
                }
            }
            progress.accept(new Progress(envelopes.size(), envelopes.size(), last));
            // The clock runs on after the last record so that waiting groups flush.
            ticks += sendTick(producer, last + drainMillis);
            producer.flush();
        }
        return new Report(alerts, acks, ticks, first, last);
    }

    /** Event time that passes during one tick interval of wall time. */
    private long wallToEvent(double speed) {
        return Math.max(1, (long) (tickEveryWallMillis * speed));
    }

    private int sendTick(KafkaProducer<byte[], byte[]> producer, long eventTime) {
        // One tick per partition: each partition carries its own watermark into the job.
        for (int p = 0; p < tickPartitions; p++) {
            producer.send(new ProducerRecord<>(topics.ticks(), p, eventTime, null, new byte[0]));
        }
        return tickPartitions;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
