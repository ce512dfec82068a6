package dev.pagerboy.tools.bench;

import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageReader;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Alert to delivered, with the job in front: the live job (the latency run of {@code bench
 * pipeline}: wall-clock event time, 1 s exactly-once checkpoints, every alert its own page) on a
 * MiniCluster, one dispatcher replica reading its committed pages and a local key-honouring webhook
 * receiver. {@link LatencyProbe} sends alerts stamped with the wall clock at a fixed rate; a page's
 * event time is its alert's send time, so its end-to-end latency is the receiver's first arrival of
 * the page's idempotency key minus the page's event time. Reported beside it: the same alerts'
 * latency to the committed page, which the probe measures, so the dispatcher's share is the
 * difference.
 */
final class AlertToDelivered {

    /**
     * One run's figures: latencies in milliseconds of pages of alerts sent in the measured window,
     * to the committed page and to delivered; the send rate; pages committed for the window and
     * delivered (each key once).
     */
    record Result(
            double sendRate,
            long[] toCommittedMillis,
            long[] toDeliveredMillis,
            long pagesInWindow,
            long deliveredInWindow) {

        long committedPercentile(double p) {
            return percentile(toCommittedMillis, p);
        }

        long deliveredPercentile(double p) {
            return percentile(toDeliveredMillis, p);
        }

        /** Pages of the window the receiver never got. */
        long lost() {
            return pagesInWindow - deliveredInWindow;
        }

        private static long percentile(long[] values, double p) {
            if (values.length == 0) {
                return -1;
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    private static final int PARALLELISM = 2;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration DELIVERY_TAIL = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private AlertToDelivered() {}

    /**
     * Runs the job, a replica and the receiver; sends {@code alertsPerSecond} for {@code measure}.
     */
    static Result run(
            JobConfig bench,
            double alertsPerSecond,
            Duration measure,
            Path work,
            String name,
            PrintStream out)
            throws Exception {
        KafkaSettings.Topics topics = bench.topics();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                IdempotentReceiver receiver = IdempotentReceiver.start(8)) {
            PipelineBench.createTopics(kafka, topics);
            JobConfig live =
                    PipelineBench.liveLatencyJob(bench, kafka.bootstrapServers(), work, name);
            Dispatcher replica =
                    new Dispatcher(
                            DispatchBench.toLocalWebhook(
                                    kafka.bootstrapServers(),
                                    topics.notifications(),
                                    topics.receipts(),
                                    receiver),
                            name + "-dispatch",
                            1,
                            "127.0.0.1",
                            0);
            Thread replicaThread =
                    new Thread(() -> replica.run(Duration.ofSeconds(10)), name + "-replica");
            try (MiniClusterJob job =
                    MiniClusterJob.start(live, PARALLELISM, "pagerboy bench (" + name + ")")) {
                replicaThread.start();
                LatencyProbe.Result probe =
                        LatencyProbe.run(
                                kafka.bootstrapServers(),
                                topics.alerts(),
                                topics.notifications(),
                                alertsPerSecond,
                                WARM_UP,
                                measure);
                Map<String, Long> window =
                        awaitPages(kafka.bootstrapServers(), topics.notifications(), probe);
                awaitDelivered(receiver, window);
                long[] delivered =
                        window.entrySet().stream()
                                .filter(e -> receiver.effects().containsKey(e.getKey()))
                                .mapToLong(
                                        e ->
                                                Math.max(
                                                        0,
                                                        receiver.effects()
                                                                        .get(e.getKey())
                                                                        .firstArrivalMs()
                                                                - e.getValue()))
                                .toArray();
                Result result =
                        new Result(
                                probe.sendRate(),
                                probe.latenciesMillis(),
                                delivered,
                                window.size(),
                                delivered.length);
                out.printf(
                        "  %s: %,.0f alerts/s sent; alert to committed page p50 %d ms, p99 %d ms;"
                                + " alert to delivered p50 %d ms, p99 %d ms (%,d alerts sent in the"
                                + " window, %,d pages committed, %,d delivered; the committed"
                                + " figures from the %,d pages seen within 5 s of the last send)%n",
                        name,
                        result.sendRate(),
                        result.committedPercentile(50),
                        result.committedPercentile(99),
                        result.deliveredPercentile(50),
                        result.deliveredPercentile(99),
                        probe.sentInWindow(),
                        result.pagesInWindow(),
                        result.deliveredInWindow(),
                        probe.latenciesMillis().length);
                return result;
            } finally {
                replica.stop();
                replicaThread.join(30_000);
                replica.close();
            }
        }
    }

    /**
     * The committed pages of alerts sent in {@code [from, until)}, by idempotency key, with their
     * event time (their alert's send time).
     */
    private static Map<String, Long> pagesSentIn(
            String bootstrapServers, String topic, long from, long until) throws Exception {
        Map<String, Long> pages = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topic, Duration.ofSeconds(30))) {
            Page page = PageReader.read(r.value());
            if (page.eventTime() >= from && page.eventTime() < until) {
                pages.put(page.idempotencyKey(), page.eventTime());
            }
        }
        return pages;
    }

    /**
     * The committed pages of the alerts sent in the probe's window, once every such alert has its
     * page (each alert is its own page in the bench configuration) or {@link #CATCH_UP} has passed:
     * a job that lags behind the rate commits them long after the probe stopped watching, and
     * leaving them out would keep the slowest pages out of the percentiles.
     */
    private static Map<String, Long> awaitPages(
            String bootstrapServers, String topic, LatencyProbe.Result probe) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            Map<String, Long> pages =
                    pagesSentIn(bootstrapServers, topic, probe.measureFrom(), probe.measureUntil());
            if (pages.size() >= probe.sentInWindow() || System.nanoTime() > deadline) {
                return pages;
            }
            Thread.sleep(1_000);
        }
    }

    private static void awaitDelivered(IdempotentReceiver receiver, Map<String, Long> pages) {
        long deadline = System.nanoTime() + DELIVERY_TAIL.toNanos();
        while (System.nanoTime() < deadline
                && !receiver.effects().keySet().containsAll(pages.keySet())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
