package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.replay.ArchiveStretch;
import dev.pagerboy.replay.Replay;
import dev.pagerboy.replay.ReplayRequest;
import dev.pagerboy.replay.ReplayResult;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./pagerboy bench replay}: how much faster replay is than the live job, back to back on the
 * same input. The live job processes N generated alerts exactly as {@code bench pipeline}'s
 * throughput run does (Kafka in, exactly-once out, archive on, rate from the slope of its
 * checkpointed offsets) and so writes the archive; replay then reads that archive and runs the same
 * pipeline over its inputs (alerts and clock ticks), and verifies that it decided the same.
 *
 * <p>Replay's rate is archived events per second of the pipeline run (the replay job alone);
 * reading the archive, staging and comparing are reported beside it, and its CPU per event covers
 * all of them. The last line is {@code key=value} pairs for scripts.
 */
final class ReplayBench {

    private static final int PARALLELISM = 2;

    private ReplayBench() {}

    static int run(Path configFile, long alerts, long eventRate, long seed) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.load(JobOptions.defaults(configFile));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        Path work = Files.createTempDirectory("pagerboy-bench-replay-");
        try {
            return run(config, configFile, alerts, eventRate, seed, work);
        } finally {
            deleteRecursively(work);
        }
    }

    private static int run(
            JobConfig config, Path configFile, long alerts, long eventRate, long seed, Path work)
            throws Exception {
        KafkaSettings.Topics topics = config.topics();
        Path archive = work.resolve("archive");
        PipelineBench.OffsetSlope live;
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
            JobConfig bounded =
                    new JobConfig(
                            config.pagerboy(),
                            PipelineBench.throughputOptions(configFile)
                                    .bootstrapServers(kafka.bootstrapServers())
                                    .archive(ArchiveLayout.at(archive.toUri().toString()))
                                    .checkpointDir(work.resolve("checkpoints").toUri().toString())
                                    .groupId("bench-replay")
                                    .transactionalIdPrefix("bench-replay")
                                    .build());
            try (MiniClusterJob job =
                    MiniClusterJob.start(bounded, PARALLELISM, "pagerboy bench replay (live)")) {
                live =
                        PipelineBench.OffsetSlope.follow(
                                kafka.bootstrapServers(), "bench-replay", job);
            }
        }
        System.out.printf(
                "live job: %,.0f alerts/s sustained, %.1f CPU µs per alert (%,d alerts, event rate %,d/s)%n",
                live.recordsPerSecond(), live.cpuMicrosPerRecord(), loaded, eventRate);

        long cpu0 = ProcessCpu.nanos();
        ReplayResult r =
                new Replay(System.err)
                        .run(
                                new ReplayRequest(
                                        archive,
                                        configFile,
                                        Map.of(),
                                        ArchiveStretch.WHOLE,
                                        work.resolve("replay"),
                                        PARALLELISM,
                                        ReplayRequest.DEFAULT_OUT_OF_ORDERNESS,
                                        true));
        long cpu = ProcessCpu.nanos() - cpu0;
        double jobSeconds = r.jobTime().toNanos() / 1e9;
        double totalSeconds = r.took().toNanos() / 1e9;
        double eventsPerSecond = r.inputs() / jobSeconds;
        double cpuPerEvent = cpu / 1e3 / r.inputs();
        boolean identical = r.comparison().identical();
        System.out.printf(
                "replay: %,d archived events (alerts and ticks) in %.1f s of pipeline = %,.0f events/s;"
                        + " %.1f s with reading, staging and comparing = %,.0f events/s; %.1f CPU µs"
                        + " per event; %s%n",
                r.inputs(),
                jobSeconds,
                eventsPerSecond,
                totalSeconds,
                r.inputs() / totalSeconds,
                cpuPerEvent,
                identical
                        ? "identical to the live job's decisions ("
                                + r.comparison().comparedRows()
                                + " rows)"
                        : r.comparison().differences().size() + " differences from the live job");
        StringBuilder phases = new StringBuilder();
        r.phases()
                .forEach(
                        (phase, took) ->
                                phases.append(
                                        String.format(" %s_s=%.2f", phase, took.toNanos() / 1e9)));
        System.out.println("replay phases (wall s):" + phases);
        System.out.printf(
                "events_per_s=%.0f live_alerts_per_s=%.0f ratio=%.2f events=%d alerts=%d"
                        + " replay_job_s=%.2f replay_total_s=%.2f end_to_end_events_per_s=%.0f"
                        + " cpu_us_per_event=%.2f live_cpu_us_per_alert=%.2f identical=%b"
                        + " parallelism=%d%n",
                eventsPerSecond,
                live.recordsPerSecond(),
                eventsPerSecond / live.recordsPerSecond(),
                r.inputs(),
                loaded,
                jobSeconds,
                totalSeconds,
                r.inputs() / totalSeconds,
                cpuPerEvent,
                live.cpuMicrosPerRecord(),
                identical,
                PARALLELISM);
        return identical ? 0 : 1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
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
