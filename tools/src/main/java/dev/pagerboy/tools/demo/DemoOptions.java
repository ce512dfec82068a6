package dev.pagerboy.tools.demo;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.SampleStreams;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The demo's command line.
 *
 * @param config the job configuration ({@code pagerboy.yaml})
 * @param dataset the envelope file to replay
 * @param replaySeconds how long the replay should take, when {@code speed} is not given
 * @param speed event-time milliseconds per wall-clock millisecond, if given
 * @param workDir scratch space of the run: the archive and the final savepoint
 * @param compactEvery merge the archive's small files every this many checkpoints (1: never)
 */
record DemoOptions(
        Path config,
        Path dataset,
        double replaySeconds,
        OptionalDouble speed,
        Path workDir,
        int compactEvery,
        boolean help) {

    static final double DEFAULT_REPLAY_SECONDS = 40;

    /**
     * The demo replays weeks in seconds, so each checkpoint touches dozens of hour buckets: merge
     * the archive's small files every few checkpoints instead of once a minute (docs/ARCHIVE.md). A
     * full demo run archives all 7,666 raw records either way; with this setting in ~640 files
     * instead of ~2,200.
     */
    static final int DEFAULT_COMPACT_EVERY = 5;

    static final String USAGE =
            """
            usage: ./pagerboy demo [options]

            Starts Kafka, runs the PagerBoy job on a local Flink MiniCluster, replays the shipped
            sample (three weeks of PCIC 2021 wireless alarms as Alertmanager webhooks) on an
            accelerated clock, prints a summary, and stops everything.

              --config FILE     job configuration (default streaming-job/config/pagerboy.yaml)
              --dataset FILE    envelope JSON Lines (.jsonl or .jsonl.gz) to replay
                                (default datasets/samples/pcic2021-3w.alertmanager.jsonl.gz)
              --seconds N       replay the whole dataset in about N seconds (default 40)
              --speed X         or: replay X times faster than real time
              --work-dir DIR    where the archive goes (default .pagerboy/demo; emptied first)
              --archive-compact-every N  merge archive files every N checkpoints (default 5; 1: never)
            """;

    /** Parses {@code args}; relative defaults resolve against the project root. */
    static DemoOptions parse(String[] args, Path root) {
        Path config = root.resolve("streaming-job/config/pagerboy.yaml");
        Path dataset = SampleStreams.file(root, AlertFormat.ALERTMANAGER);
        double seconds = DEFAULT_REPLAY_SECONDS;
        OptionalDouble speed = OptionalDouble.empty();
        Path workDir = root.resolve(".pagerboy/demo");
        int compactEvery = DEFAULT_COMPACT_EVERY;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new DemoOptions(
                        config, dataset, seconds, speed, workDir, compactEvery, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        flag.startsWith("--") && USAGE.contains(flag + " ")
                                ? flag + " needs a value"
                                : "unknown option '" + flag + "'");
            }
            String value = args[++i];
            switch (flag) {
                case "--config" -> config = Path.of(value);
                case "--dataset" -> dataset = Path.of(value);
                case "--seconds" -> seconds = positive(flag, value);
                case "--speed" -> speed = OptionalDouble.of(positive(flag, value));
                case "--work-dir" -> workDir = Path.of(value);
                case "--archive-compact-every" -> compactEvery = (int) positive(flag, value);
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        return new DemoOptions(config, dataset, seconds, speed, workDir, compactEvery, false);
    }

    /** The replay speed for a dataset spanning {@code spanMillis} of event time. */
    double speedFor(long spanMillis) {
        return speed.orElse(Math.max(1.0, spanMillis / (replaySeconds * 1000.0)));
    }

    private static double positive(String flag, String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a positive number, got '" + text + "'");
    }
}
