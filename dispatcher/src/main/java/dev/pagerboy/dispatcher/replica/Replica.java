package dev.pagerboy.dispatcher.replica;

import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.delivery.DeliveryResult;
import dev.pagerboy.dispatcher.delivery.Receivers;
import dev.pagerboy.dispatcher.ops.DispatchMetrics;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageReader;
import dev.pagerboy.dispatcher.receipts.Receipt;
import dev.pagerboy.dispatcher.receipts.ReceiptWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One dispatcher replica: a {@code read_committed} consumer in the dispatchers' group over {@code
 * notifications} (so it sees only pages of committed job checkpoints), delivering every page it
 * polls and writing its receipt. Offsets are committed only up to the first page whose receipt is
 * not yet durable ({@link OffsetLedger}), so a replica that dies loses nothing: the group moves its
 * partitions to the survivors, which deliver again from the last committed offset, and the pages'
 * idempotency keys let receivers drop what the dead replica had already delivered.
 *
 * <p>The poll thread owns the consumer (Kafka consumers are single-threaded); deliveries run on the
 * receivers' own threads. When {@code max_in_flight} pages wait for receipts the replica pauses its
 * partitions and keeps polling (so it stays in the group) until some finish.
 */
public final class Replica implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final long COMMIT_EVERY_MS = 50;

    /** How long a revocation waits for the revoked partitions' pages in flight. */
    private static final Duration REVOKE_GRACE = Duration.ofSeconds(5);

    /** One poll's records; a receiver's queue holds {@code max_in_flight} plus one poll. */
    public static final int MAX_POLL_RECORDS = 1000;

    private final DispatcherConfig config;
    private final int replicaId;
    private final Receivers receivers;
    private final ReceiptWriter receipts;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final OffsetLedger ledger = new OffsetLedger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger owned = new AtomicInteger();
    private final AtomicReference<Throwable> receiptFailure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile long lastPollMs;

    public Replica(
            DispatcherConfig config,
            String groupId,
            int replicaId,
            Receivers receivers,
            ReceiptWriter receipts,
            DispatchMetrics metrics,
            Clock clock) {
        this.config = config;
        this.replicaId = replicaId;
        this.receivers = receivers;
        this.receipts = receipts;
        this.metrics = metrics;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-" + replicaId);
        // Only pages of committed job transactions: an aborted checkpoint's pages never leave.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        p.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(500, config.sessionTimeout().toMillis() / 4));
        // Cooperative rebalancing: a joining or leaving replica moves only the partitions that
        // must move; the others keep delivering through the rebalance.
        p.put(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(p);
    }

    /** Pages polled whose receipts are not durable yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Partitions of {@code notifications} this replica owns now. */
    public int ownedPartitions() {
        return owned.get();
    }

    /** Empty while healthy; otherwise why not (for {@code /healthz}). */
    public Optional<String> problem() {
        Throwable f = receiptFailure.get();
        if (f != null) {
            return Optional.of("receipts cannot be written: " + f);
        }
        long since = clock.millis() - lastPollMs;
        if (lastPollMs > 0 && since > config.sessionTimeout().toMillis()) {
            return Optional.of("no poll for " + since + " ms");
        }
        return Optional.empty();
    }

    /**
     * Consumes and delivers until {@link #stop}; then waits up to {@code drain} for pages in flight
     * and commits what they finished.
     *
     * @throws IllegalStateException when receipts cannot be written (the replica must stop: its
     *     offsets cannot advance, and another replica or a restart takes over)
     */
    public void run(Duration drain) {
        consumer.subscribe(List.of(config.notificationsTopic()), new Rebalance());
        long lastCommit = 0;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    break;
                }
                lastPollMs = clock.millis();
                for (ConsumerRecord<String, byte[]> r : records) {
                    dispatch(r);
                }
                Throwable failed = receiptFailure.get();
                if (failed != null) {
                    throw new IllegalStateException(
                            "receipts cannot be written to " + config.receiptsTopic(), failed);
                }
                if (lastPollMs - lastCommit >= COMMIT_EVERY_MS) {
                    commitReady();
                    lastCommit = lastPollMs;
                    metrics.lag(lag());
                }
                if (inFlight.get() >= config.maxInFlight()) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
            }
            drain(drain);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks {@link #run} to return; safe from any thread (a shutdown hook). */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        OffsetLedger.Track track = ledger.track(tp);
        track.started(record.offset());
        inFlight.incrementAndGet();
        long receivedAt = clock.millis();
        CompletableFuture<Receipt> receipt;
        try {
            Page page = PageReader.read(record.value());
            receipt = receivers.deliver(page).thenApply(r -> receipt(record, page, r));
        } catch (PageReader.UnreadablePage bad) {
            // Not a page: a failed receipt keyed by where the record is, so it is visible.
            String key =
                    "unreadable:"
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset();
            DeliveryResult r = receivers.undeliverable("", bad.getMessage());
            receipt =
                    CompletableFuture.completedFuture(
                            new Receipt(
                                    key,
                                    "",
                                    "",
                                    r.outcome(),
                                    r.reason(),
                                    0,
                                    r.finishedAt() - record.timestamp(),
                                    replicaId,
                                    r.finishedAt()));
        }
        receipt.thenCompose(r -> receipts.write(r, eventTime(record, receivedAt, r)))
                .whenComplete(
                        (ok, error) -> {
                            if (error == null) {
                                track.finished(record.offset());
                            } else {
                                receiptFailure.compareAndSet(null, error);
                            }
                            inFlight.decrementAndGet();
                        });
    }

    /**
     * The receipt's event time for the job: the page's own timestamp (its event time, which the
     * job's sink gives the record) plus the time this replica spent delivering it. In live mode
     * that is about the wall clock; when the job runs on a recorded or accelerated clock (the demo)
     * the receipt still lands just after its page in the job's time, not in another time domain.
     */
    private static long eventTime(
            ConsumerRecord<String, byte[]> record, long receivedAt, Receipt receipt) {
        return record.timestamp() + Math.max(0L, receipt.deliveredAt() - receivedAt);
    }

    private Receipt receipt(ConsumerRecord<String, byte[]> record, Page page, DeliveryResult r) {
        long latency = r.finishedAt() - record.timestamp();
        metrics.dispatched(page.receiver(), latency);
        return new Receipt(
                page.idempotencyKey(),
                page.incidentId(),
                page.receiver(),
                r.outcome(),
                r.reason(),
                r.attempts(),
                latency,
                replicaId,
                r.finishedAt());
    }

    private void commitReady() {
        commit(ledger.ready());
    }

    /**
     * Commits {@code offsets}. A commit refused because the group is rebalancing is not an error:
     * the offsets stay uncommitted, the next call (or the revocation callback, or the partition's
     * next owner after re-delivering) commits them; re-delivery is what idempotency keys absorb.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            ledger.committed(offsets);
        } catch (RebalanceInProgressException | CommitFailedException e) {
            // see above: retried on the next loop
        } catch (WakeupException e) {
            // stop() woke the consumer during the commit; run() sees running == false next
        }
    }

    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }

    private void drain(Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        // Not producer.flush(): it would wait out delivery.timeout.ms with the broker gone.
        while (inFlight.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(10); // waiting for delivery threads, not for a test condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            commitReady();
        } catch (RuntimeException e) {
            // the group may already have moved on; the next owner delivers again, keys absorb it
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Commits what is finished before partitions move, and forgets them. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // A planned move (a replica joins or stops): let the pages in flight finish first, so
            // the next owner does not deliver them again. Bounded: a receiver in a long retry
            // must not hold the rebalance; its pages are then delivered again (keys absorb it).
            long until = System.nanoTime() + REVOKE_GRACE.toNanos();
            while (ledger.inFlight(partitions) > 0 && System.nanoTime() - until < 0) {
                try {
                    Thread.sleep(5); // waiting for delivery threads inside Kafka's callback
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> ready = ledger.ready();
            ready.keySet().retainAll(partitions);
            commit(ready);
            partitions.forEach(ledger::forget);
            owned.addAndGet(-partitions.size());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            owned.addAndGet(partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(ledger::forget);
            owned.addAndGet(-partitions.size());
        }
    }
}
