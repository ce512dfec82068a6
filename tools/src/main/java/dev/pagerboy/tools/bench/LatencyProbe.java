package dev.pagerboy.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures alert-to-committed-notification latency while the live job runs: sends new alerts at a
 * fixed rate, each stamped with the wall clock as its event time, and watches the notifications
 * topic as a read_committed consumer. With the benchmark configuration every new alert flushes its
 * own group at its event time, so a notification's {@code eventTime} is its alert's send time and
 * the latency is the moment the notification became visible minus that.
 */
final class LatencyProbe {

    /**
     * Latencies in milliseconds of notifications seen for alerts sent in the measured window; how
     * many alerts were sent in all and in that window ({@code measureFrom} to {@code measureUntil},
     * wall clock); the send rate; and how many committed notifications the watcher saw in all
     * (warm-up included), so that a run with few samples can say why.
     */
    record Result(
            long[] latenciesMillis,
            long sent,
            long sentInWindow,
            double sendRate,
            long notificationsSeen,
            long measureFrom,
            long measureUntil) {
        long percentile(double p) {
            if (latenciesMillis.length == 0) {
                return -1;
            }
            long[] sorted = latenciesMillis.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyProbe() {}

    static Result run(
            String bootstrapServers,
            String alertsTopic,
            String notificationsTopic,
            double alertsPerSecond,
            Duration warmUp,
            Duration measure)
            throws Exception {
        AtomicBoolean sending = new AtomicBoolean(true);
        long[] latencies =
                new long[(int) (alertsPerSecond * (warmUp.plus(measure).toSeconds() + 5))];
        int[] count = {0};
        long[] seen = {0};
        long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
        long sendUntil = measureFrom + measure.toMillis();

        Thread watcher =
                new Thread(
                        () ->
                                watch(
                                        bootstrapServers,
                                        notificationsTopic,
                                        sending,
                                        measureFrom,
                                        sendUntil,
                                        latencies,
                                        count,
                                        seen),
                        "latency-watcher");
        watcher.start();
        long sent = 0;
        long sentInWindow = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(BenchInput.producerProperties(bootstrapServers))) {
            long intervalNanos = (long) (1e9 / alertsPerSecond);
            while (System.currentTimeMillis() < sendUntil) {
                long due = started + sent * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long now = System.currentTimeMillis();
                producer.send(
                        new ProducerRecord<>(
                                alertsTopic, null, now, key(sent), nativeAlert(sent, now)));
                sent++;
                if (now >= measureFrom) {
                    sentInWindow++;
                }
            }
        }
        double rate = sent / ((System.nanoTime() - started) / 1e9);
        // Let the last alerts' notifications arrive (a few checkpoints), then stop watching.
        Thread.sleep(5_000);
        sending.set(false);
        watcher.join();
        return new Result(
                Arrays.copyOf(latencies, count[0]),
                sent,
                sentInWindow,
                rate,
                seen[0],
                measureFrom,
                sendUntil);
    }

    private static void watch(
            String bootstrapServers,
            String topic,
            AtomicBoolean running,
            long measureFrom,
            long measureUntil,
            long[] latencies,
            int[] count,
            long[] seen) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long visibleAt = System.currentTimeMillis();
                    long alertTime = eventTime(r.value());
                    seen[0]++;
                    if (alertTime >= measureFrom
                            && alertTime < measureUntil
                            && count[0] < latencies.length) {
                        latencies[count[0]++] = visibleAt - alertTime;
                    }
                }
            }
        }
    }

    private static long eventTime(byte[] notification) {
        try {
            JsonNode n = JSON.readTree(notification).get("eventTime");
            return n == null ? -1 : n.asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] key(long n) {
        return ("bench-" + n).getBytes(StandardCharsets.UTF_8);
    }

    /** A new alert (PagerBoy native format) with its own label set, so it starts its own group. */
    static byte[] nativeAlert(long n, long startsAt) {
        return ("{\"version\":\"pagerboy/v1\",\"id\":\"bench-"
                        + n
                        + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\"BenchAlert\",\"instance\":\"host-"
                        + n
                        + "\",\"severity\":\"warning\"},\"startsAt\":"
                        + startsAt
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-probe");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }
}
