package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.replay.ArchiveStretch;
import dev.pagerboy.replay.ArchivedHistory;
import dev.pagerboy.replay.ReplayRequest;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.ReplayJob;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.replay.ReplaySources;
import dev.pagerboy.streaming.replay.StagedInputs;
import dev.pagerboy.tools.bench.FloorTopology.Rung;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./pagerboy bench floor}: what the job's shape costs on this machine before any decision,
 * as a ladder of rungs run alternately on one loaded input, beside the real job.
 *
 * <p><b>Live ladder</b>, each Flink rung exactly as {@code bench pipeline}'s throughput run
 * (parallelism 2, the job's Flink configuration: exactly-once checkpoints at its interval, its
 * state backend, read_committed bounded Kafka sources, transactional sinks; rate and CPU per alert
 * from the slope of the checkpointed offsets, or of the whole run when the input went by in fewer
 * than three checkpoints):
 *
 * <ul>
 *   <li>{@code clients}: the bare Kafka clients' copy ({@link PassThrough});
 *   <li>{@code copy}, {@code parse}, {@code shuffles}, {@code archive}: {@link FloorTopology}'s
 *       rungs, the job's shape with near-zero work;
 *   <li>{@code job}: the real job ({@code LiveJob}); {@code job-reuse}: the same with {@code
 *       pipeline.object-reuse} on.
 * </ul>
 *
 * <p><b>Replay floor</b>: the archive of the ladder's last {@code job} run is staged as replay
 * stages it, then read back through {@code ReplaySources} into nothing ({@code r-read}), into the
 * skeleton with its archive ({@code r-skeleton}, streaming as replay runs; {@code r-skeleton-batch}
 * in BATCH execution), and into the real replay job ({@code r-job}). Rate = staged events per
 * second of the job's wall time (MiniCluster start included, as {@code bench replay}'s job time);
 * CPU per event over the same span.
 *
 * <p>The last line is {@code key=value} pairs: medians per rung.
 */
final class FloorBench {

    private static final int PARALLELISM = 2;
    private static final int PARTITIONS = 2;
    private static final long WARM_UP_RECORDS_PER_PARTITION = 100_000;

    static final List<String> LIVE_RUNGS =
            List.of("clients", "copy", "parse", "shuffles", "archive", "job");
    static final List<String> REPLAY_RUNGS =
            List.of("r-read", "r-skeleton", "r-skeleton-batch", "r-job");

    /** One measured run: rate and CPU per record. */
    record Run(String rung, int round, double perSecond, double cpuMicros, long records) {}

    private FloorBench() {}

    static int run(
            Path configFile,
            long alerts,
            double eventRate,
            long seed,
            int rounds,
            List<String> liveRungs,
            boolean replay)
            throws Exception {
        JobConfig config;
        try {
            config = JobConfig.load(JobOptions.defaults(configFile));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        Path work = Files.createTempDirectory("pagerboy-bench-floor-");
        try {
            return run(
                    config, configFile, alerts, eventRate, seed, rounds, liveRungs, replay, work);
        } finally {
            PipelineBench.deleteRecursively(work);
        }
    }

    private static int run(
            JobConfig config,
            Path configFile,
            long alerts,
            double eventRate,
            long seed,
            int rounds,
            List<String> liveRungs,
            boolean replay,
            Path work)
            throws Exception {
        KafkaSettings.Topics topics = config.topics();
        System.out.printf(
                "floor benchmark: parallelism %d, checkpoints every %d ms, exactly-once, state"
                        + " backend %s, %d rounds of %s%n",
                PARALLELISM,
                config.checkpointInterval().toMillis(),
                config.stateBackend().cliName(),
                rounds,
                liveRungs);
        List<Run> runs = new ArrayList<>();
        Path lastJobArchive = null;
        long loaded;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PipelineBench.createTopics(kafka, topics);
            BenchInput.Loaded input =
                    BenchInput.load(
                            kafka.bootstrapServers(),
                            topics.alerts(),
                            seed,
                            alerts,
                            false,
                            eventRate);
            BenchInput.loadClock(kafka.bootstrapServers(), topics.ticks(), input);
            loaded = input.records();
            System.out.printf(
                    "loaded %,d generated alerts (seed %d, live input at %,.0f alerts/s of event"
                            + " time, %,.0f bytes per alert)%n",
                    loaded, seed, input.eventRate(), (double) input.valueBytes() / loaded);
            Map<TopicPartition, Long> ends = endOffsets(kafka.bootstrapServers(), topics.alerts());
            Map<TopicPartition, Long> warmUpEnds = new HashMap<>();
            ends.forEach(
                    (tp, end) -> warmUpEnds.put(tp, Math.min(end, WARM_UP_RECORDS_PER_PARTITION)));
            kafka.createTopics(PARTITIONS, "floor-warm-up");
            PassThrough.copy(
                    kafka.bootstrapServers(),
                    topics.alerts(),
                    "floor-warm-up",
                    PARTITIONS,
                    warmUpEnds,
                    config.checkpointInterval(),
                    "floor-warm-up");

            for (int round = 1; round <= rounds; round++) {
                // Rotate the order each round, so that no rung always runs first (cold) or last.
                for (int i = 0; i < liveRungs.size(); i++) {
                    String rung = liveRungs.get((i + round - 1) % liveRungs.size());
                    String id = "floor-" + rung + "-" + round;
                    Run r;
                    if (rung.equals("clients")) {
                        kafka.createTopics(PARTITIONS, id);
                        PassThrough.Result copy =
                                PassThrough.copy(
                                        kafka.bootstrapServers(),
                                        topics.alerts(),
                                        id,
                                        PARTITIONS,
                                        ends,
                                        config.checkpointInterval(),
                                        id);
                        r =
                                new Run(
                                        rung,
                                        round,
                                        copy.perSecond(),
                                        copy.cpuMicrosPerRecord(),
                                        copy.records());
                    } else {
                        r = liveRung(kafka, config, configFile, rung, id, work);
                        if (rung.startsWith("job")) {
                            lastJobArchive = work.resolve("archive-" + id);
                            ArchiveFootprint footprint = ArchiveFootprint.of(lastJobArchive);
                            System.out.printf(
                                    "  %s archive: %.2f rows per alert%n",
                                    id, footprint.rowsPer(loaded));
                        }
                    }
                    runs.add(r);
                    System.out.printf(
                            Locale.ROOT,
                            "run rung=%s round=%d alerts_per_s=%.0f cpu_us=%.1f records=%d%n",
                            r.rung(),
                            r.round(),
                            r.perSecond(),
                            r.cpuMicros(),
                            r.records());
                }
            }
        }

        if (replay && lastJobArchive != null) {
            StagedInputs staged = stage(lastJobArchive, work.resolve("staged"));
            System.out.printf(
                    "replay floor: %,d archived events staged from %s%n",
                    staged.count(), lastJobArchive.getFileName());
            PipelineConfig pipelineConfig = PipelineConfig.of(config.pagerboy());
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < REPLAY_RUNGS.size(); i++) {
                    String rung = REPLAY_RUNGS.get((i + round - 1) % REPLAY_RUNGS.size());
                    Run r =
                            replayRung(
                                    rung,
                                    round,
                                    staged,
                                    pipelineConfig,
                                    work.resolve("replay-" + rung + "-" + round));
                    runs.add(r);
                    System.out.printf(
                            Locale.ROOT,
                            "run rung=%s round=%d events_per_s=%.0f cpu_us=%.1f records=%d%n",
                            r.rung(),
                            r.round(),
                            r.perSecond(),
                            r.cpuMicros(),
                            r.records());
                }
            }
        }

        Map<String, double[]> medians = medians(runs);
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "alerts=%d rounds=%d", loaded, rounds));
        System.out.println("medians (rung: per second, CPU µs per record):");
        medians.forEach(
                (rung, m) -> {
                    System.out.printf(
                            Locale.ROOT, "  %-18s %,10.0f/s %8.1f µs%n", rung, m[0], m[1]);
                    String key = rung.replace('-', '_');
                    line.append(
                            String.format(
                                    Locale.ROOT,
                                    " %s_per_s=%.0f %s_cpu_us=%.1f",
                                    key,
                                    m[0],
                                    key,
                                    m[1]));
                });
        if (medians.containsKey("clients") && medians.containsKey("job")) {
            line.append(
                    String.format(
                            Locale.ROOT,
                            " job_ratio=%.3f",
                            medians.get("job")[0] / medians.get("clients")[0]));
        }
        line.append(String.format(" parallelism=%d", PARALLELISM));
        System.out.println(line);
        return 0;
    }

    /** One Flink rung of the live ladder, measured as {@code bench pipeline}'s throughput run. */
    private static Run liveRung(
            EmbeddedKafka kafka,
            JobConfig config,
            Path configFile,
            String rung,
            String id,
            Path work)
            throws Exception {
        JobConfig bounded =
                new JobConfig(
                        config.pagerboy(),
                        PipelineBench.throughputOptions(configFile)
                                .bootstrapServers(kafka.bootstrapServers())
                                .archive(
                                        ArchiveLayout.at(
                                                work.resolve("archive-" + id).toUri().toString()))
                                .checkpointDir(work.resolve("checkpoints-" + id).toUri().toString())
                                .groupId(id)
                                .transactionalIdPrefix(id)
                                .build());
        Configuration extra = new Configuration();
        if (rung.equals("job-reuse")) {
            extra.set(PipelineOptions.OBJECT_REUSE, true);
        }
        String pages = id + "-pages";
        kafka.createTopics(PARTITIONS, pages);
        long records = loadedRecords(kafka, config);
        try (MiniClusterJob job =
                MiniClusterJob.start(
                        bounded,
                        PARALLELISM,
                        "pagerboy bench floor (" + id + ")",
                        extra,
                        (env, cfg) -> topology(rung, env, cfg, pages))) {
            long t0 = System.nanoTime();
            long cpu0 = ProcessCpu.nanos();
            PipelineBench.OffsetSlope slope = null;
            try {
                slope =
                        PipelineBench.OffsetSlope.follow(
                                kafka.bootstrapServers(), id, config.topics().alerts(), job);
            } catch (IllegalStateException tooShort) {
                // Fewer than two checkpoints of progress.
            }
            double minSeconds = 3 * config.checkpointInterval().toNanos() / 1e9;
            if (slope != null && slope.records() >= records / 2 && slope.seconds() >= minSeconds) {
                return new Run(
                        rung,
                        roundOf(id),
                        slope.recordsPerSecond(),
                        slope.cpuMicrosPerRecord(),
                        slope.records());
            }
            // A rung that read the input within a few checkpoints: its slope may span only the
            // last regular checkpoint and the final one, a fraction of a second, and says nothing.
            // The figures of the whole run from RUNNING to finished instead (source start-up and
            // the final checkpoint included: the conservative side).
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  %s: too short for a slope, figures of the whole run%n", id);
            return new Run(
                    rung,
                    roundOf(id),
                    records / seconds,
                    (ProcessCpu.nanos() - cpu0) / 1e3 / records,
                    records);
        }
    }

    private static long loadedRecords(EmbeddedKafka kafka, JobConfig config) throws Exception {
        return endOffsets(kafka.bootstrapServers(), config.topics().alerts()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static void topology(
            String rung, StreamExecutionEnvironment env, JobConfig cfg, String pagesTopic) {
        if (rung.startsWith("job")) {
            LiveJob.define(env, cfg);
            return;
        }
        FloorTopology.define(
                rungNamed(rung),
                LiveJob.inputs(env, cfg),
                FloorTopology.Sinks.live(cfg, pagesTopic));
    }

    static Rung rungNamed(String name) {
        for (Rung r : Rung.values()) {
            if (r.cliName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no floor rung " + name);
    }

    private static int roundOf(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    /** The archive's inputs staged as {@code Replay} stages them. */
    private static StagedInputs stage(Path archive, Path dir) {
        ArchivedHistory history = ArchivedHistory.read(archive, ArchiveStretch.WHOLE, f -> {});
        return StagedInputs.write(
                history::inputs, new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()));
    }

    /** One rung of the replay floor over {@code staged}, its archive (if any) under {@code out}. */
    private static Run replayRung(
            String rung, int round, StagedInputs staged, PipelineConfig cfg, Path out)
            throws Exception {
        Configuration conf = ReplayJob.flinkConfiguration();
        if (rung.endsWith("-batch")) {
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
        String progressId = "floor-" + rung + "-" + round;
        Duration ooo = ReplayRequest.DEFAULT_OUT_OF_ORDERNESS;
        switch (rung) {
            case "r-read" -> {
                ReplaySources sources = new ReplaySources(env, staged, ooo, progressId);
                sources.alerts().sinkTo(new DiscardingSink<>()).name("alerts");
                sources.ticks().sinkTo(new DiscardingSink<>()).name("ticks");
            }
            case "r-skeleton", "r-skeleton-batch" -> {
                ReplaySources sources = new ReplaySources(env, staged, ooo, progressId);
                FloorTopology.define(
                        Rung.ARCHIVE,
                        new PipelineInputs(
                                sources.alerts(),
                                sources.ticks(),
                                sources.silences(),
                                sources.acks(),
                                sources.receipts()),
                        FloorTopology.Sinks.replay(
                                ParquetArchive.sink(
                                        ArchiveLayout.at(out.toUri().toString())
                                                .compactingEvery(1))));
            }
            case "r-job" -> ReplayJob.define(env, cfg, staged, ooo, out.toUri(), progressId);
            default -> throw new IllegalArgumentException("no replay rung " + rung);
        }
        long cpu0 = ProcessCpu.nanos();
        long t0 = System.nanoTime();
        env.execute("pagerboy bench floor (" + progressId + ")");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = ProcessCpu.nanos() - cpu0;
        return new Run(
                rung, round, staged.count() / seconds, cpu / 1e3 / staged.count(), staged.count());
    }

    /** Median rate and median CPU per record of each rung, in the rungs' first-seen order. */
    static Map<String, double[]> medians(List<Run> runs) {
        Map<String, List<Run>> byRung = new LinkedHashMap<>();
        runs.forEach(r -> byRung.computeIfAbsent(r.rung(), k -> new ArrayList<>()).add(r));
        Map<String, double[]> out = new LinkedHashMap<>();
        byRung.forEach(
                (rung, list) ->
                        out.put(
                                rung,
                                new double[] {
                                    median(list.stream().mapToDouble(Run::perSecond).toArray()),
                                    median(list.stream().mapToDouble(Run::cpuMicros).toArray())
                                }));
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic)
            throws Exception {
        try (Admin admin = Admin.create(PipelineBench.adminProperties(bootstrap))) {
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
}
