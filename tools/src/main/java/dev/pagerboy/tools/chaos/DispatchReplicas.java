package dev.pagerboy.tools.chaos;

import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.dispatcher.ReplicaJvm;
import dev.pagerboy.dispatcher.config.ConfigException;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.receipts.ReceiptWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The dispatcher replicas of one run, each in its own JVM as {@code ./pagerboy dispatcher} starts
 * it, so a scenario can kill one with {@code kill -9}: they share a consumer group over the run's
 * {@code notifications-<run>}, deliver every committed page to a local key-honouring webhook
 * receiver ({@link IdempotentReceiver}, in the runner) and write their receipts to {@code
 * receipts-<run>}. That topic is the run's own and the job does not read it: the job's bounded run
 * reads its inputs to their end at its start, and the fault-free run it is compared with had no
 * receipts either.
 *
 * <p>The runner is the replicas' supervisor, as it is the Flink daemons': a replica that exits (one
 * that cannot write its receipts while the broker is down stops by design) is started again.
 */
final class DispatchReplicas implements AutoCloseable {

    static final int REPLICAS = 2;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** How long the wait for the last receipts goes on without a new one. */
    private static final Duration STALL = Duration.ofMinutes(3);

    private final ChaosContext ctx;
    private final JobRun.Spec spec;
    private final IdempotentReceiver receiver;
    private final Path config;
    private final Process[] replicas = new Process[REPLICAS + 1];
    private final int[] incarnations = new int[REPLICAS + 1];
    private int kills;
    private int exits;
    private int restarts;
    private long drainedMs = -1;

    private DispatchReplicas(
            ChaosContext ctx, JobRun.Spec spec, IdempotentReceiver receiver, Path config) {
        this.ctx = ctx;
        this.spec = spec;
        this.receiver = receiver;
        this.config = config;
    }

    /** Starts the receiver and {@value #REPLICAS} replicas for the run {@code spec}. */
    static DispatchReplicas start(ChaosContext ctx, JobRun.Spec spec) {
        ctx.stage().broker().createTopics(ChaosInput.PARTITIONS, receipts(spec));
        IdempotentReceiver receiver = IdempotentReceiver.start(8);
        DispatchReplicas d = null;
        try {
            Path config = writeConfig(ctx, spec, receiver);
            d = new DispatchReplicas(ctx, spec, receiver, config);
            for (int id = 1; id <= REPLICAS; id++) {
                d.launch(id);
            }
            ctx.out()
                    .printf(
                            "chaos: %d dispatcher replicas (pids %s) deliver %s to %s%n",
                            REPLICAS, d.pids(), spec.notifications(), receiver.url("/"));
            return d;
        } catch (RuntimeException e) {
            if (d != null) {
                d.close();
            } else {
                receiver.close();
            }
            throw e;
        }
    }

    static String receipts(JobRun.Spec spec) {
        return "receipts-" + spec.name();
    }

    /** SIGKILL to replica {@code id}: no drain, no last commit. */
    void killHard(int id) {
        Process p = replicas[id];
        p.destroyForcibly();
        awaitExit(p, Duration.ofSeconds(30));
        kills++;
    }

    /**
     * Starts replica {@code id} again (after {@link #killHard}) without waiting for it: a replica
     * that cannot start shows as one that exited, which {@link #finish} restarts and reports.
     */
    void restart(int id) {
        spawn(id);
        restarts++;
    }

    long pid(int id) {
        return replicas[id].pid();
    }

    int kills() {
        return kills;
    }

    /**
     * Waits until every page of {@code pages} has a receipt (a replica writes it when the delivery
     * ended, delivered or failed), restarting replicas that exited, for at most {@code timeout} and
     * for at most {@link #STALL} without a new receipt; then stops the replicas (SIGTERM: they
     * drain and commit), reads every receipt written, and balances the dispatcher's books.
     */
    DeliveryBooks finish(Set<String> pages, Duration timeout) {
        Map<String, List<DeliveryBooks.Copy>> receipts = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime();
        long lastProgress = System.nanoTime();
        long lastReceipted = -1;
        long t0 = System.nanoTime();
        try (ReceiptTail tail = new ReceiptTail(ctx.stage().broker().bootstrapServers())) {
            while (true) {
                supervise();
                tail.poll(receipts);
                long receipted = pages.stream().filter(receipts::containsKey).count();
                if (receipted == pages.size()) {
                    drainedMs = (System.nanoTime() - t0) / 1_000_000;
                    break;
                }
                if (receipted != lastReceipted) {
                    lastReceipted = receipted;
                    lastProgress = System.nanoTime();
                }
                long delivered = pages.stream().filter(receiver.effects()::containsKey).count();
                if (System.nanoTime() > deadline
                        || System.nanoTime() - lastProgress > STALL.toNanos()) {
                    ctx.out()
                            .printf(
                                    "chaos: dispatch not drained (no new receipt for %s, or"
                                            + " %s in all): %,d of %,d pages delivered, %,d with"
                                            + " a receipt%n",
                                    STALL, timeout, delivered, pages.size(), receipted);
                    break;
                }
                if (System.nanoTime() >= nextReport) {
                    ctx.out()
                            .printf(
                                    "chaos: dispatch: %,d of %,d pages delivered, %,d with a"
                                            + " receipt%n",
                                    delivered, pages.size(), receipted);
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                }
                JobRun.pause(Duration.ofMillis(500));
            }
            stopAll();
            tail.drainToEnd(receipts);
        }
        Map<String, Integer> deliveries = new HashMap<>();
        receiver.effects().forEach((k, e) -> deliveries.put(k, e.deliveries()));
        return DeliveryBooks.balance(pages, deliveries, receipts);
    }

    /**
     * The dispatcher's books of a run that has ended: {@link #finish} over {@code pages}, the keys
     * the run committed; then its rows and the replicas' figures go to {@code report}, beside the
     * job's books {@code job} (the closing line's {@code lost=} and {@code duplicated=} add both).
     */
    DeliveryBooks balance(Set<String> pages, Books job, ScenarioReport report) {
        DeliveryBooks delivery = finish(pages, ctx.timeout());
        addFigures(report);
        delivery.addTo(report, job);
        return delivery;
    }

    /**
     * Adds the replicas' own figures to {@code report} (after {@link #finish}): kills, restarts,
     * and how long the last receipts took after the job's books were read.
     */
    void addFigures(ScenarioReport report) {
        report.figure(
                "dispatcher replicas, killed (-9), exited, restarted",
                REPLICAS + ", " + kills + ", " + exits + ", " + restarts);
        report.figure(
                "last receipt after the job's books were read",
                drainedMs < 0 ? "not all receipted" : drainedMs + " ms");
        report.summary("replica_kills", kills);
    }

    private void supervise() {
        for (int id = 1; id <= REPLICAS; id++) {
            if (!replicas[id].isAlive()) {
                ctx.out()
                        .printf(
                                "chaos: dispatcher replica %d exited (%d); restarting it%n",
                                id, replicas[id].exitValue());
                exits++;
                restart(id);
            }
        }
    }

    private String pids() {
        List<String> out = new ArrayList<>();
        for (int id = 1; id <= REPLICAS; id++) {
            out.add(String.valueOf(replicas[id].pid()));
        }
        return String.join(", ", out);
    }

    /** Starts replica {@code id} and waits until it serves its ops endpoints. */
    private void launch(int id) {
        Path log = spawn(id);
        Process p = replicas[id];
        JobRun.await(
                "dispatcher replica " + id + " serving (" + log + ")",
                START_TIMEOUT,
                () -> {
                    String output = read(log);
                    if (!p.isAlive()) {
                        throw new IllegalStateException(
                                "dispatcher replica " + id + " exited: " + output);
                    }
                    return ReplicaJvm.serving(output);
                });
    }

    /** Starts replica {@code id}'s JVM; returns its log. */
    private Path spawn(int id) {
        Path log = spec.dir().resolve("dispatcher-" + id + "-" + ++incarnations[id] + ".log");
        Process p;
        try {
            p = ReplicaJvm.start(config, "dispatch-" + spec.name(), id, "256m", log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dispatcher replica " + id, e);
        }
        replicas[id] = p;
        return log;
    }

    private void stopAll() {
        for (int id = 1; id <= REPLICAS; id++) {
            replicas[id].destroy();
        }
        for (int id = 1; id <= REPLICAS; id++) {
            if (!awaitExit(replicas[id], STOP_GRACE)) {
                replicas[id].destroyForcibly();
                awaitExit(replicas[id], Duration.ofSeconds(10));
            }
        }
    }

    @Override
    public void close() {
        for (int id = 1; id <= REPLICAS; id++) {
            Process p = replicas[id];
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                awaitExit(p, Duration.ofSeconds(10));
            }
        }
        receiver.close();
    }

    /**
     * The replicas' configuration: the run's topics, and every receiver of the run's job
     * configuration as a webhook at the local receiver (the shipped file's addresses lead nowhere,
     * and one receiver there has none, whose pages would get failed receipts).
     */
    private static Path writeConfig(
            ChaosContext ctx, JobRun.Spec spec, IdempotentReceiver receiver) {
        Path jobConfig = spec.dir().resolve("pagerboy.yaml");
        Set<String> names;
        try {
            names = DispatcherConfigReader.read(jobConfig).receivers().keySet();
        } catch (ConfigException e) {
            throw new IllegalStateException("cannot read the receivers of " + jobConfig, e);
        }
        StringBuilder yaml = new StringBuilder();
        yaml.append("kafka:\n")
                .append("  bootstrap_servers: ")
                .append(ctx.stage().broker().bootstrapServers())
                .append("\n  topics:\n    notifications: ")
                .append(spec.notifications())
                .append("\n    receipts: ")
                .append(receipts(spec))
                .append("\nreceivers:\n");
        for (String name : names.stream().sorted().toList()) {
            yaml.append("  - name: \"")
                    .append(name)
                    .append("\"\n    webhook_url: ")
                    .append(receiver.url("/" + name))
                    .append('\n');
        }
        Path file = spec.dir().resolve("dispatcher.yaml");
        try {
            Files.writeString(file, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean awaitExit(Process p, Duration wait) {
        try {
            return p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** Reads the run's receipts topic as it grows, read_committed, keeping each copy's outcome. */
    private final class ReceiptTail implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        ReceiptTail(String bootstrap) {
            String topic = receipts(spec);
            consumer = new KafkaConsumer<>(CommittedRecords.readCommittedProperties(bootstrap));
            partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads what is there now (a few polls at most, so the caller's checks keep pace). */
        void poll(Map<String, List<DeliveryBooks.Copy>> into) {
            for (int i = 0; i < 50; i++) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    add(r, into);
                }
                if (records.isEmpty()) {
                    return;
                }
            }
        }

        /** Reads up to the topic's end of now (receipts the stopping replicas wrote last). */
        void drainToEnd(Map<String, List<DeliveryBooks.Copy>> into) {
            Map<TopicPartition, Long> ends =
                    consumer.endOffsets(partitions, Duration.ofSeconds(60));
            JobRun.await(
                    "the end of " + receipts(spec),
                    Duration.ofMinutes(2),
                    () -> {
                        poll(into);
                        return ends.entrySet().stream()
                                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    });
        }

        private void add(
                ConsumerRecord<byte[], byte[]> r, Map<String, List<DeliveryBooks.Copy>> into) {
            String bytes = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
            try {
                var receipt = ReceiptWriter.read(r.value());
                into.computeIfAbsent(receipt.idempotencyKey(), k -> new ArrayList<>(1))
                        .add(new DeliveryBooks.Copy(receipt.outcome(), bytes));
            } catch (IOException e) {
                // not a receipt: counted as a failed receipt for no page under its record key
                String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                into.computeIfAbsent("unreadable:" + key, k -> new ArrayList<>(1))
                        .add(new DeliveryBooks.Copy(Outcome.FAILED, bytes));
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
