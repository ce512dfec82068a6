package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.ReceiverConfig;
import dev.pagerboy.dispatcher.config.ReceiverKind;
import dev.pagerboy.dispatcher.config.RetrySettings;
import dev.pagerboy.dispatcher.config.SmtpSettings;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import dev.pagerboy.dispatcher.page.PageReader;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./pagerboy bench dispatch}: how fast dispatcher replicas deliver committed pages to a
 * local key-honouring webhook receiver, on an embedded broker, with the replicas as threads of this
 * JVM (each with its own consumer, producer and HTTP client).
 *
 * <ol>
 *   <li><b>Throughput</b>, with 1 and then 2 replicas: {@code pages} pages are committed to a fresh
 *       notifications topic first, then the replicas start; deliveries/s is pages over the time
 *       from start until the receiver has applied every page.
 *   <li><b>Latency</b>, with 2 replicas: pages are committed at a steady rate in small
 *       transactions; a page's dispatch latency is from its transaction's commit to its first
 *       arrival at the receiver (p50, p99).
 * </ol>
 *
 * Lost pages (no effect at the receiver) and duplicate effects (a key applied twice, or an effect
 * under a key that was never sent) are counted in every phase.
 */
final class DispatchBench {

    /**
     * @param jobConfig the job's configuration for the end-to-end runs; null skips them
     * @param e2eRates alerts per second of each end-to-end run; the last line's {@code e2e_p99_ms}
     *     is the highest rate's
     */
    record Options(
            int pages,
            int partitions,
            int rate,
            int seconds,
            Path jobConfig,
            List<Integer> e2eRates,
            int e2eSeconds) {}

    private record Phase(double perSecond, long lost, long duplicates, long absorbed) {}

    private DispatchBench() {}

    static int run(Options o, PrintStream out) throws Exception {
        out.printf(
                "bench dispatch: %,d pages, %d partitions; latency at %,d pages/s for %d s%n",
                o.pages(), o.partitions(), o.rate(), o.seconds());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Phase one = throughput(kafka, o, 1, out);
            Phase two = throughput(kafka, o, 2, out);
            long[] latency = latency(kafka, o, out);
            long lost = one.lost() + two.lost() + latency[2];
            long duplicates = one.duplicates() + two.duplicates() + latency[3];
            AlertToDelivered.Result e2e = endToEnd(o, out);
            if (e2e != null) {
                lost += e2e.lost();
            }
            out.printf(
                    "replicas_1_deliveries_per_s=%.0f deliveries_per_s=%.0f dispatch_p50_ms=%d"
                            + " dispatch_p99_ms=%d e2e_rate=%.0f e2e_p50_ms=%d e2e_p99_ms=%d"
                            + " e2e_committed_p99_ms=%d lost=%d duplicate_effects=%d"
                            + " redeliveries_absorbed=%d pages=%d%n",
                    one.perSecond(),
                    two.perSecond(),
                    latency[0],
                    latency[1],
                    e2e == null ? 0 : e2e.sendRate(),
                    e2e == null ? -1 : e2e.deliveredPercentile(50),
                    e2e == null ? -1 : e2e.deliveredPercentile(99),
                    e2e == null ? -1 : e2e.committedPercentile(99),
                    lost,
                    duplicates,
                    one.absorbed() + two.absorbed() + latency[4],
                    o.pages());
            return lost == 0 && duplicates == 0 ? 0 : 1;
        }
    }

    /**
     * The end-to-end runs, one per rate, each with its own broker, job, replica and receiver;
     * returns the last (highest-rate) run, or null when there are none.
     */
    private static AlertToDelivered.Result endToEnd(Options o, PrintStream out) throws Exception {
        if (o.jobConfig() == null || o.e2eRates().isEmpty()) {
            return null;
        }
        JobConfig bench;
        try {
            bench = JobConfig.load(JobOptions.defaults(o.jobConfig()));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        out.printf(
                "  alert to delivered: the live job (parallelism 2, %d ms checkpoints) on a"
                        + " MiniCluster, 1 replica, %d s per rate%n",
                bench.checkpointInterval().toMillis(), o.e2eSeconds());
        Path work = Files.createTempDirectory("pagerboy-bench-dispatch-");
        try {
            AlertToDelivered.Result last = null;
            for (int rate : o.e2eRates()) {
                last =
                        AlertToDelivered.run(
                                bench,
                                rate,
                                Duration.ofSeconds(o.e2eSeconds()),
                                work,
                                "e2e-" + rate,
                                out);
            }
            return last;
        } finally {
            PipelineBench.deleteRecursively(work);
        }
    }

    private static Phase throughput(EmbeddedKafka kafka, Options o, int replicas, PrintStream out)
            throws Exception {
        String name = "bench-" + replicas;
        kafka.createTopics(o.partitions(), name + "-notifications", name + "-receipts");
        try (IdempotentReceiver receiver = IdempotentReceiver.start(8)) {
            DispatcherConfig config = config(kafka, name, receiver);
            List<Page> pages = new ArrayList<>(o.pages());
            for (int i = 0; i < o.pages(); i++) {
                pages.add(page(name, i));
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                producer.initTransactions();
                for (int from = 0; from < pages.size(); from += 2_000) {
                    producer.beginTransaction();
                    for (Page p : pages.subList(from, Math.min(pages.size(), from + 2_000))) {
                        send(producer, config.notificationsTopic(), p);
                    }
                    producer.commitTransaction();
                }
            }
            long start = System.nanoTime();
            List<Running> running = startReplicas(config, name, replicas);
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            while (receiver.effects().size() < pages.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stopAll(running);
            Phase phase = phase(receiver, pages, pages.size() / seconds);
            out.printf(
                    "  %d replica%s: %,d pages in %.1f s = %,.0f deliveries/s (raw requests %,d,"
                            + " absorbed %,d)%n",
                    replicas,
                    replicas == 1 ? "" : "s",
                    pages.size(),
                    seconds,
                    phase.perSecond(),
                    receiver.requests(),
                    phase.absorbed());
            return phase;
        }
    }

    /** p50, p99, lost, duplicates, absorbed. */
    private static long[] latency(EmbeddedKafka kafka, Options o, PrintStream out)
            throws Exception {
        String name = "bench-latency";
        kafka.createTopics(o.partitions(), name + "-notifications", name + "-receipts");
        try (IdempotentReceiver receiver = IdempotentReceiver.start(8)) {
            DispatcherConfig config = config(kafka, name, receiver);
            List<Running> running = startReplicas(config, name, 2);
            // Measure the steady state, not the group forming: wait until both replicas own
            // partitions and all are assigned.
            long formed = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < formed
                    && (running.stream().anyMatch(r -> r.dispatcher().ownedPartitions() == 0)
                            || running.stream()
                                            .mapToInt(r -> r.dispatcher().ownedPartitions())
                                            .sum()
                                    < o.partitions())) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            List<Page> pages = new ArrayList<>();
            Map<String, Long> committedAt = new HashMap<>();
            int perBatch = Math.max(1, o.rate() / 100); // a transaction every 10 ms
            int total = o.rate() * o.seconds();
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                producer.initTransactions();
                long next = System.nanoTime();
                for (int i = 0; i < total; ) {
                    producer.beginTransaction();
                    List<String> batch = new ArrayList<>();
                    for (int j = 0; j < perBatch && i < total; j++, i++) {
                        Page p = page(name, i);
                        pages.add(p);
                        batch.add(p.idempotencyKey());
                        send(producer, config.notificationsTopic(), p);
                    }
                    producer.commitTransaction();
                    long now = System.currentTimeMillis();
                    batch.forEach(k -> committedAt.put(k, now));
                    next += TimeUnit.MILLISECONDS.toNanos(10);
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (receiver.effects().size() < pages.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            stopAll(running);
            long[] ms =
                    receiver.effects().entrySet().stream()
                            .filter(e -> committedAt.containsKey(e.getKey()))
                            .mapToLong(
                                    e ->
                                            Math.max(
                                                    0,
                                                    e.getValue().firstArrivalMs()
                                                            - committedAt.get(e.getKey())))
                            .sorted()
                            .toArray();
            long p50 = ms.length == 0 ? -1 : ms[(int) Math.min(ms.length - 1, ms.length * 0.50)];
            long p99 = ms.length == 0 ? -1 : ms[(int) Math.min(ms.length - 1, ms.length * 0.99)];
            Phase phase = phase(receiver, pages, 0);
            out.printf(
                    "  latency, 2 replicas, %,d pages at %,d/s: commit to delivered p50 %d ms,"
                            + " p99 %d ms, max %d ms%n",
                    pages.size(), o.rate(), p50, p99, ms.length == 0 ? -1 : ms[ms.length - 1]);
            return new long[] {p50, p99, phase.lost(), phase.duplicates(), phase.absorbed()};
        }
    }

    private static Phase phase(IdempotentReceiver receiver, List<Page> pages, double perSecond) {
        long lost = 0;
        for (Page p : pages) {
            if (!receiver.effects().containsKey(p.idempotencyKey())) {
                lost++;
            }
        }
        // The receiver applies a key once; an effect under a key that was never sent would be a
        // second effect of some page under a changed key.
        long foreign = receiver.effects().size() - (pages.size() - lost);
        return new Phase(perSecond, lost, Math.max(0, foreign), receiver.absorbed());
    }

    private record Running(Dispatcher dispatcher, Thread thread) {}

    private static List<Running> startReplicas(DispatcherConfig config, String group, int n)
            throws Exception {
        List<Running> out = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            Dispatcher d = new Dispatcher(config, group, id, "127.0.0.1", 0);
            Thread t = new Thread(() -> d.run(Duration.ofSeconds(10)), group + "-replica-" + id);
            t.start();
            out.add(new Running(d, t));
        }
        return out;
    }

    private static void stopAll(List<Running> running) throws InterruptedException {
        for (Running r : running) {
            r.dispatcher().stop();
        }
        for (Running r : running) {
            r.thread().join(30_000);
            r.dispatcher().close();
        }
    }

    private static DispatcherConfig config(
            EmbeddedKafka kafka, String name, IdempotentReceiver receiver) {
        return toLocalWebhook(
                kafka.bootstrapServers(), name + "-notifications", name + "-receipts", receiver);
    }

    /**
     * A replica's configuration that delivers the pages of {@code notificationsTopic}, all for the
     * receiver {@code bench}, to {@code receiver}'s {@code /bench}, with the shipped defaults.
     */
    static DispatcherConfig toLocalWebhook(
            String bootstrapServers,
            String notificationsTopic,
            String receiptsTopic,
            IdempotentReceiver receiver) {
        return new DispatcherConfig(
                bootstrapServers,
                notificationsTopic,
                receiptsTopic,
                Map.of(
                        "bench",
                        new ReceiverConfig(
                                "bench", ReceiverKind.WEBHOOK, receiver.url("/bench"), List.of())),
                URI.create("http://127.0.0.1:1"),
                SmtpSettings.DEFAULT,
                RetrySettings.DEFAULT,
                Duration.ofSeconds(10),
                32,
                1_000_000,
                20_000,
                Duration.ofSeconds(10));
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // see PageFeed in the dispatcher's tests: ordered retries under load
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Page p) {
        producer.send(
                new ProducerRecord<>(topic, p.idempotencyKey().getBytes(), PageReader.write(p)));
    }

    /** A one-alert page for the bench receiver, the size of a typical single-alert page. */
    private static Page page(String run, int i) {
        String incident =
                String.format("%016x-%d", (long) i * 2654435761L, run.hashCode() & 0xffff);
        return new Page(
                incident + "/1/eng",
                "bench",
                "route-1",
                "{}:{alertname=\"A" + i + "\"}",
                1,
                i,
                "firing",
                Map.of("alertname", "A" + (i % 100)),
                Arrays.asList(
                        new PageAlert(
                                String.format("%016x", i),
                                "firing",
                                "critical",
                                "bench page " + i,
                                "",
                                Map.of("alertname", "A" + (i % 100), "instance", "h" + i),
                                0,
                                0)),
                incident,
                "eng",
                1,
                1);
    }
}
