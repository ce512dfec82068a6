package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.ConsumerGroupLag;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.sources.TickClock;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./pagerboy bench pipeline}: the whole job on this machine, parallelism 2, exactly-once, 1
 * s checkpoints, archive on, against the same Kafka work done by bare clients.
 *
 * <ol>
 *   <li><b>Throughput.</b> A calibrated generated stream is loaded into {@code alerts} first, its
 *       timestamps rescaled to a live event rate ({@link EventTimeScale}) unless {@code --history}.
 *       Bare Kafka clients copy it (read_committed, a transaction per checkpoint interval: {@link
 *       PassThrough}) once to warm up and once as the reference; the job then processes it in
 *       bounded mode; the clients copy it once more, so the job's run is bracketed by the
 *       reference. The job's sustained rate is the slope of its checkpointed offsets on the alerts
 *       topic, which leaves out start-up and the final checkpoint. With {@code --ack-share} the
 *       input also carries signed acks for a share of the incidents ({@link BenchAcks}), and the
 *       job anchors the accepted ones on a local Anvil chain ({@link BenchLedger}).
 *   <li><b>Latency.</b> On a fresh broker the live job runs while new alerts arrive at a fixed rate
 *       (default 10 k/s); {@link LatencyProbe} times each one until its notification is committed.
 * </ol>
 *
 * <p>Both runs report what explains their figures: CPU time per record of the whole JVM ({@link
 * ProcessCpu}), checkpoint durations and failures from the MiniCluster's REST API ({@link
 * CheckpointWatch}), committed notifications, and for the latency run what was sent and seen. The
 * last line is {@code key=value} pairs for scripts.
 */
public final class PipelineBench {

    private static final int PARALLELISM = 2;
    private static final int PARTITIONS = 2;
    private static final String PASSTHROUGH_OUT = "passthrough-out";
    private static final long WARM_UP_RECORDS_PER_PARTITION = 100_000;

    private PipelineBench() {}

    public static void main(String[] args) {
        BenchPipelineCommand.main(args);
    }

    /** Runs both measurements with {@code o}; returns the exit status. */
    static int run(BenchOptions o) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.load(JobOptions.defaults(o.config()));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        Path work = Files.createTempDirectory("pagerboy-bench-");
        try {
            return run(o, config, work);
        } finally {
            deleteRecursively(work);
        }
    }

    private static int run(BenchOptions o, JobConfig config, Path work) throws Exception {
        KafkaSettings.Topics topics = config.topics();
        System.out.printf(
                "pipeline benchmark: parallelism %d, checkpoints every %d ms, exactly-once, archive"
                        + " on, state backend %s%n",
                PARALLELISM, config.checkpointInterval().toMillis(), o.stateBackend().cliName());

        double jobRate;
        double jobOverallRate;
        double passthroughRate;
        long loaded;
        double jobCpuMicros;
        double passthroughCpuMicros;
        long notifications;
        CheckpointWatch.Summary throughputCheckpoints;
        BenchInput.Loaded input;
        ArchiveFootprint archive;
        BenchAcks.Loaded acks = new BenchAcks.Loaded(0, 0);
        BenchLedger.Outcome ackOutcome = new BenchLedger.Outcome(0, 0, 0, List.of());
        double ackRate = 0;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                BenchLedger chain = o.acks() ? BenchLedger.start(work) : null) {
            createTopics(kafka, topics);
            long t0 = System.nanoTime();
            input =
                    BenchInput.load(
                            kafka.bootstrapServers(),
                            topics.alerts(),
                            o.seed(),
                            o.alerts(),
                            o.history(),
                            o.eventRate());
            long endOfInput = BenchInput.loadClock(kafka.bootstrapServers(), topics.ticks(), input);
            loaded = input.records();
            System.out.printf(
                    "loaded %,d generated alerts (seed %d) in %.1f s%n",
                    loaded, o.seed(), (System.nanoTime() - t0) / 1e9);
            System.out.println(describe(o, input));
            System.out.printf(
                    "  clock: ticks in %s up to the last alert's event time (%d), so the input's"
                            + " end is part of the input%n",
                    topics.ticks(), endOfInput);
            if (chain != null) {
                long t1 = System.nanoTime();
                acks =
                        BenchAcks.load(
                                kafka.bootstrapServers(),
                                topics.acks(),
                                config.pagerboy(),
                                input,
                                o.ackShare());
                System.out.printf(
                        "  acks: %,d signed acks for %.1f%% of the %,d incidents the alerts open"
                                + " (%.3f acks per alert), loaded in %.1f s; the job anchors the"
                                + " accepted ones on Anvil (%s)%n",
                        acks.acks(),
                        100 * o.ackShare(),
                        acks.groups(),
                        (double) acks.acks() / loaded,
                        (System.nanoTime() - t1) / 1e9,
                        chain.endpoint().rpcUrl());
            }
            Map<TopicPartition, Long> ends = endOffsets(kafka.bootstrapServers(), topics.alerts());

            // A cold JVM (broker and clients not yet compiled by the JIT) copied at a third of the
            // rate of a warm one, so the first copy is a warm-up and is not counted.
            PassThrough.Result warmUp =
                    PassThrough.copy(
                            kafka.bootstrapServers(),
                            topics.alerts(),
                            PASSTHROUGH_OUT + "-warm-up",
                            PARTITIONS,
                            capped(ends, WARM_UP_RECORDS_PER_PARTITION),
                            config.checkpointInterval(),
                            "passthrough-warm-up");
            report("raw Kafka pass-through (warm-up, not counted)", warmUp);
            PassThrough.Result before =
                    PassThrough.copy(
                            kafka.bootstrapServers(),
                            topics.alerts(),
                            PASSTHROUGH_OUT,
                            PARTITIONS,
                            ends,
                            config.checkpointInterval(),
                            "passthrough-before");
            report("raw Kafka pass-through (before)", before);

            JobConfig bounded =
                    new JobConfig(
                            config.pagerboy(),
                            throughputOptions(o.config())
                                    .ledger(chain == null ? null : chain.endpoint())
                                    .bootstrapServers(kafka.bootstrapServers())
                                    .archive(
                                            ArchiveLayout.at(
                                                    work.resolve("archive-throughput")
                                                            .toUri()
                                                            .toString()))
                                    // Without a checkpoint directory Flink keeps checkpoints in
                                    // the JobManager's memory, capped at 5 MiB per task state:
                                    // dedup's state passed that after ~16 checkpoints of live input
                                    // and every later checkpoint failed. Clusters use files too.
                                    .checkpointDir(
                                            work.resolve("checkpoints-throughput")
                                                    .toUri()
                                                    .toString())
                                    .groupId("bench")
                                    .transactionalIdPrefix("bench-throughput")
                                    .build());
            long jobStart = System.nanoTime();
            long jobStartMillis = System.currentTimeMillis();
            OffsetSlope slope;
            try (MiniClusterJob job =
                            MiniClusterJob.start(
                                    bounded,
                                    PARALLELISM,
                                    "pagerboy bench (throughput)",
                                    o.stateBackend()
                                            .settings(
                                                    work.resolve("checkpoints-throughput")
                                                            .toUri()
                                                            .toString()));
                    CheckpointWatch watch =
                            CheckpointWatch.start(job.restAddress(), job.jobId().toString())) {
                try {
                    slope =
                            OffsetSlope.follow(
                                    kafka.bootstrapServers(), "bench", topics.alerts(), job);
                } catch (ExecutionException e) {
                    return jobFailed(
                            "throughput",
                            e,
                            watch.summary(jobStartMillis, Long.MAX_VALUE),
                            jobStartMillis);
                }
                throughputCheckpoints = watch.summary(jobStartMillis, Long.MAX_VALUE);
            }
            double overallSeconds = (System.nanoTime() - jobStart) / 1e9;
            jobRate = slope.recordsPerSecond();
            jobOverallRate = loaded / overallSeconds;
            jobCpuMicros = slope.cpuMicrosPerRecord();
            System.out.printf(
                    "pipeline: %,.0f alerts/s sustained, %.1f CPU µs per alert (%,d alerts; %.1f s"
                            + " including start-up and the final checkpoint = %,.0f alerts/s)%n",
                    jobRate, jobCpuMicros, slope.records(), overallSeconds, jobOverallRate);
            System.out.println("  " + throughputCheckpoints.describe(jobStartMillis));
            // The job's last transactions are committed, but their markers may still be on
            // their way to the partitions: read once they are there, or the count falls short.
            CommittedRecords.awaitSettled(kafka.bootstrapServers(), Duration.ofMinutes(2));
            notifications =
                    CommittedRecords.count(
                            kafka.bootstrapServers(),
                            topics.notifications(),
                            Duration.ofMinutes(2));
            System.out.printf(
                    "  committed notifications: %,d for %,d alerts (%s input)%n",
                    notifications, loaded, o.input());
            if (chain != null) {
                ackOutcome = BenchLedger.outcome(kafka.bootstrapServers(), topics);
                // The acks topic is small and read at once; the job applies each ack when event
                // time reaches it, i.e. at the pace of the alerts.
                ackRate = jobRate * acks.acks() / loaded;
                System.out.printf(
                        "  acks: %,d sent, %,d rejected, %,d receipts of anchored acks in %,d"
                                + " batches; applied at the alerts' pace: %,.0f acks/s%n",
                        acks.acks(),
                        ackOutcome.rejected(),
                        ackOutcome.receipts(),
                        ackOutcome.batches(),
                        ackRate);
                ackOutcome.sampleReasons().forEach(r -> System.out.println("    rejected: " + r));
            }
            archive = ArchiveFootprint.of(work.resolve("archive-throughput"));
            System.out.printf(
                    "  archive: %,d rows in %,d files, %,d bytes: %.2f rows and %,.0f bytes per"
                            + " alert (raw input %,.0f bytes per alert)%n",
                    archive.rows(),
                    archive.files(),
                    archive.bytes(),
                    archive.rowsPer(loaded),
                    archive.bytesPer(loaded),
                    (double) input.valueBytes() / loaded);

            PassThrough.Result after =
                    PassThrough.copy(
                            kafka.bootstrapServers(),
                            topics.alerts(),
                            PASSTHROUGH_OUT + "-2",
                            PARTITIONS,
                            ends,
                            config.checkpointInterval(),
                            "passthrough-after");
            report("raw Kafka pass-through (after)", after);
            passthroughRate = (before.perSecond() + after.perSecond()) / 2;
            passthroughCpuMicros = (before.cpuMicrosPerRecord() + after.cpuMicrosPerRecord()) / 2;
        }

        LatencyProbe.Result latency;
        CheckpointWatch.Summary latencyCheckpoints;
        long lagAtEnd;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            createTopics(kafka, topics);
            JobConfig live = liveLatencyJob(config, kafka.bootstrapServers(), work, "latency");
            try (MiniClusterJob job =
                            MiniClusterJob.start(
                                    live,
                                    PARALLELISM,
                                    "pagerboy bench (latency)",
                                    o.stateBackend()
                                            .settings(
                                                    work.resolve("checkpoints-latency")
                                                            .toUri()
                                                            .toString()));
                    CheckpointWatch watch =
                            CheckpointWatch.start(job.restAddress(), job.jobId().toString());
                    ConsumerGroupLag lag =
                            new ConsumerGroupLag(kafka.bootstrapServers(), "bench-live")) {
                Thread.sleep(3_000); // sources assigned, first checkpoint taken
                latency =
                        LatencyProbe.run(
                                kafka.bootstrapServers(),
                                topics.alerts(),
                                topics.notifications(),
                                o.rate(),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(o.seconds()));
                lagAtEnd = lag.behind(List.of(topics.alerts()));
                latencyCheckpoints = watch.summary(latency.measureFrom(), latency.measureUntil());
                System.out.printf(
                        "latency probe: sent %,d alerts (%,d in the %d s window); saw %,d committed"
                                + " notifications (%,d for window alerts); 5 s after sending"
                                + " stopped, the job's consumer group (offsets committed after"
                                + " completed checkpoints) was %,d records behind%n  %s%n",
                        latency.sent(),
                        latency.sentInWindow(),
                        o.seconds(),
                        latency.notificationsSeen(),
                        latency.latenciesMillis().length,
                        lagAtEnd,
                        latencyCheckpoints.describe(latency.measureFrom()));
                if (watch.lastError() != null && latencyCheckpoints.completed() == 0) {
                    System.out.println("  (checkpoint statistics: " + watch.lastError() + ")");
                }
                if (job.hasEnded() || job.status() != JobStatus.RUNNING) {
                    System.err.println(
                            "pagerboy bench pipeline: the live job stopped during the latency run;"
                                    + " the figures above are not valid");
                    return 1;
                }
            }
        }
        System.out.printf(
                "latency at %,.0f alerts/s sent: p50 %d ms, p99 %d ms over %,d notifications%n",
                latency.sendRate(),
                latency.percentile(50),
                latency.percentile(99),
                latency.latenciesMillis().length);
        System.out.printf(
                "alerts_per_s=%.0f passthrough_per_s=%.0f ratio=%.2f p50_ms=%d p99_ms=%d"
                        + " latency_rate=%.0f latency_sent=%d latency_samples=%d alerts=%d"
                        + " input=%s event_rate=%s notifications=%d job_cpu_us=%.1f"
                        + " passthrough_cpu_us=%.1f throughput_ckpt_p50_ms=%d"
                        + " throughput_ckpt_max_ms=%d latency_ckpt_p50_ms=%d latency_ckpt_max_ms=%d"
                        + " latency_ckpt_failed=%d latency_lag_end=%d parallelism=%d"
                        + " checkpoint_ms=%d raw_bytes_per_alert=%.0f rows_per_alert=%.2f"
                        + " archive_bytes_per_alert=%.0f state_backend=%s ack_share=%s acks=%d"
                        + " acks_accepted=%d acks_rejected=%d ack_receipts=%d ack_batches=%d"
                        + " acks_per_s=%.0f%n",
                jobRate,
                passthroughRate,
                jobRate / passthroughRate,
                latency.percentile(50),
                latency.percentile(99),
                latency.sendRate(),
                latency.sent(),
                latency.latenciesMillis().length,
                loaded,
                o.input(),
                eventRateText(input.eventRate()),
                notifications,
                jobCpuMicros,
                passthroughCpuMicros,
                throughputCheckpoints.p50Millis(),
                throughputCheckpoints.maxMillis(),
                latencyCheckpoints.p50Millis(),
                latencyCheckpoints.maxMillis(),
                latencyCheckpoints.failed(),
                lagAtEnd,
                PARALLELISM,
                config.checkpointInterval().toMillis(),
                (double) input.valueBytes() / loaded,
                archive.rowsPer(loaded),
                archive.bytesPer(loaded),
                o.stateBackend().cliName(),
                o.acks() ? String.format(java.util.Locale.ROOT, "%.3f", o.ackShare()) : "0",
                acks.acks(),
                acks.acks() - ackOutcome.rejected(),
                ackOutcome.rejected(),
                ackOutcome.receipts(),
                ackOutcome.batches(),
                ackRate);
        return 0;
    }

    /**
     * The throughput run's job: bounded (reads what was loaded, then ends), parallelism 2, its
     * clock from the ticks topic that {@link BenchInput#loadClock} filled, so that the end of the
     * input's time is part of the input and two runs over the same input commit the same
     * notifications.
     */
    static JobOptions.Builder throughputOptions(Path config) {
        return JobOptions.builder(config)
                .parallelism(PARALLELISM)
                .clock(JobOptions.ClockSource.TOPIC)
                .tickClock(TickClock.REAL_TIME)
                .tickInterval(Duration.ofSeconds(1))
                .stopAtLatest(true);
    }

    /**
     * The latency runs' live job on {@code bootstrapServers}: event time is the wall clock (ticks
     * every 100 ms, no out-of-orderness), so a page commits one checkpoint after its alert;
     * archive, checkpoints and transactional ids under {@code name}.
     */
    static JobConfig liveLatencyJob(
            JobConfig config, String bootstrapServers, Path work, String name) {
        return new JobConfig(
                config.pagerboy(),
                JobOptions.builder(config.options().configFile())
                        .bootstrapServers(bootstrapServers)
                        .archive(
                                ArchiveLayout.at(
                                        work.resolve("archive-" + name).toUri().toString()))
                        .checkpointDir(work.resolve("checkpoints-" + name).toUri().toString())
                        .parallelism(PARALLELISM)
                        .clock(JobOptions.ClockSource.WALL)
                        .tickClock(TickClock.REAL_TIME)
                        .tickInterval(Duration.ofMillis(100))
                        .maxOutOfOrderness(Duration.ZERO)
                        .idleTimeout(Duration.ofMillis(500))
                        .groupId("bench-live")
                        .transactionalIdPrefix("bench-" + name)
                        .build());
    }

    static void createTopics(EmbeddedKafka kafka, KafkaSettings.Topics topics) {
        kafka.createTopics(
                PARTITIONS,
                topics.alerts(),
                topics.silences(),
                topics.ticks(),
                topics.notifications(),
                topics.deadLetters(),
                topics.acks(),
                topics.incidents(),
                topics.receipts(),
                topics.ackReceipts(),
                PASSTHROUGH_OUT + "-warm-up",
                PASSTHROUGH_OUT,
                PASSTHROUGH_OUT + "-2");
    }

    /**
     * Reports a job that failed instead of finishing: its root cause and what its checkpoints did
     * (with exactly-once sinks a job fails when checkpoints keep failing). Returns the exit status.
     */
    private static int jobFailed(
            String run, Exception e, CheckpointWatch.Summary checkpoints, long startMillis) {
        Throwable root = e;
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t.getMessage() != null && chain.indexOf(t.getMessage()) < 0) {
                chain.append("\n    ")
                        .append(t.getClass().getSimpleName())
                        .append(": ")
                        .append(t.getMessage());
            }
        }
        System.err.printf(
                "pagerboy bench pipeline: the %s job failed (%s)%n  %s%n  causes:%s%n",
                run, root.getClass().getSimpleName(), checkpoints.describe(startMillis), chain);
        return 1;
    }

    /** Alerts per second of event time: whole numbers for live rates, 3 decimals for history's. */
    static String eventRateText(double rate) {
        return String.format(java.util.Locale.ROOT, rate >= 100 ? "%.0f" : "%.3f", rate);
    }

    /** Says which throughput input ran and what its timestamps mean for the job's decisions. */
    static String describe(BenchOptions o, BenchInput.Loaded in) {
        double historyDays = (in.lastMillis() - in.firstMillis()) / 86_400_000.0;
        if (o.history()) {
            return String.format(
                    "input=history: generated timestamps kept, %.1f days of alarm history"
                            + " (%.3f alerts/s of event time): a catch-up replay, each checkpoint"
                            + " spans many event hours (one archive part file per hour bucket)",
                    historyDays, in.eventRate());
        }
        EventTimeScale scale = in.scale();
        return String.format(
                "input=live: %.1f days of alarm history rescaled to %.1f s of event time"
                        + " (%,.0f alerts/s, factor 1/%,.0f); order and content unchanged, payload"
                        + " startsAt/endsAt keep history times.%n  In event time the generator's"
                        + " %.0f h repeat interval becomes %.0f ms and its %d min flap window %.1f ms,"
                        + " while the job's repeat_interval/group_interval do not shrink: repeats"
                        + " and flaps are suppressed or grouped far more than in history mode"
                        + " (see docs/BENCHMARKS.md)",
                historyDays,
                in.eventSpanMillis() / 1000.0,
                in.eventRate(),
                1 / scale.factor(),
                in.generator().repeatIntervalMs() / 3_600_000.0,
                scale.scaledMillis(in.generator().repeatIntervalMs()),
                in.generator().calibration().flapWindowSeconds() / 60,
                scale.scaledMillis(in.generator().calibration().flapWindowSeconds() * 1000.0));
    }

    private static void report(String what, PassThrough.Result r) {
        System.out.printf(
                "%s: %,.0f records/s (%,d records in %.1f s; %.1f CPU µs per record)%n",
                what,
                r.perSecond(),
                r.records(),
                r.elapsed().toNanos() / 1e9,
                r.cpuMicrosPerRecord());
    }

    /** End offsets no further than {@code limit} records into each partition. */
    private static Map<TopicPartition, Long> capped(Map<TopicPartition, Long> ends, long limit) {
        Map<TopicPartition, Long> capped = new HashMap<>();
        ends.forEach((tp, end) -> capped.put(tp, Math.min(end, limit)));
        return capped;
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic)
            throws Exception {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /**
     * The job's progress as seen from Kafka: the input offsets its source commits on each completed
     * checkpoint, sampled until the bounded job finishes. Its slope is the sustained rate.
     */
    record OffsetSlope(long records, double seconds, long cpuNanos) {
        double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }

        /** CPU time of the whole JVM over the same stretch, per record. */
        double cpuMicrosPerRecord() {
            return records > 0 ? cpuNanos / 1e3 / records : 0;
        }

        /**
         * Follows the offsets of every topic group {@code groupId} reads, until {@code job} ends.
         */
        static OffsetSlope follow(String bootstrap, String groupId, MiniClusterJob job)
                throws Exception {
            return follow(bootstrap, groupId, null, job);
        }

        /**
         * Follows the offsets of topic {@code alerts} ({@code null}: of every topic) that group
         * {@code groupId} commits, until {@code job} ends.
         */
        static OffsetSlope follow(
                String bootstrap, String groupId, String alerts, MiniClusterJob job)
                throws Exception {
            long firstOffsets = -1;
            long firstAt = 0;
            long lastOffsets = -1;
            long lastAt = 0;
            long firstCpu = 0;
            long lastCpu = 0;
            try (Admin admin = Admin.create(adminProperties(bootstrap))) {
                while (!job.hasEnded()) {
                    Map<String, Long> offsets = committed(admin, groupId);
                    long committed =
                            alerts == null
                                    ? offsets.values().stream().mapToLong(Long::longValue).sum()
                                    : offsets.getOrDefault(alerts, 0L);
                    long now = System.nanoTime();
                    long cpu = ProcessCpu.nanos();
                    if (committed > 0 && firstOffsets < 0) {
                        firstOffsets = committed;
                        firstAt = now;
                        firstCpu = cpu;
                    }
                    if (committed > lastOffsets) {
                        lastOffsets = committed;
                        lastAt = now;
                        lastCpu = cpu;
                    }
                    Thread.sleep(100);
                }
                job.awaitFinished(Duration.ofMinutes(1));
            }
            if (firstOffsets < 0 || lastAt == firstAt) {
                throw new IllegalStateException(
                        "the job committed fewer than two checkpoints of progress; use more --alerts");
            }
            return new OffsetSlope(
                    lastOffsets - firstOffsets, (lastAt - firstAt) / 1e9, lastCpu - firstCpu);
        }

        /** The group's committed offsets, summed per topic. */
        private static Map<String, Long> committed(Admin admin, String groupId) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(groupId)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            Map<String, Long> perTopic = new HashMap<>();
            offsets.forEach(
                    (tp, offset) -> {
                        if (offset != null) {
                            perTopic.merge(tp.topic(), offset.offset(), Long::sum);
                        }
                    });
            return perTopic;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
