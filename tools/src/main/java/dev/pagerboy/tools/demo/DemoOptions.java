package dev.pagerboy.tools.demo;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.SampleStreams;
import java.nio.file.Path;
import java.util.OptionalDouble;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

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
        int compactEvery) {

    static final double DEFAULT_REPLAY_SECONDS = 40;

    /**
     * The demo replays weeks in seconds, so each checkpoint touches dozens of hour buckets: merge
     * the archive's small files every few checkpoints instead of once a minute (docs/ARCHIVE.md). A
     * full demo run archives all 7,666 raw records either way; with this setting in ~640 files
     * instead of ~2,200.
     */
    static final int DEFAULT_COMPACT_EVERY = 5;

    /** Parses {@code args}; relative defaults resolve against the project root. */
    static DemoOptions parse(String[] args, Path root) {
        Flags flags = new Flags();
        CommandLine cli = new CommandLine(flags);
        cli.registerConverter(Path.class, new dev.pagerboy.cli.PathConverter());
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(Cli.reason(e), e);
        }
        return flags.options(root);
    }

    /** The replay speed for a dataset spanning {@code spanMillis} of event time. */
    double speedFor(long spanMillis) {
        return speed.orElse(Math.max(1.0, spanMillis / (replaySeconds * 1000.0)));
    }

    /** The flags, as picocli fills them; {@link #options(Path)} applies the defaults. */
    static final class Flags {

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "Job configuration (default: streaming-job/config/pagerboy.yaml).")
        Path config;

        @Option(
                names = "--dataset",
                paramLabel = "FILE",
                description = {
                    "Envelope JSON Lines (.jsonl or .jsonl.gz) to replay",
                    "(default: datasets/samples/pcic2021-3w.alertmanager.jsonl.gz)."
                })
        Path dataset;

        @Option(
                names = "--seconds",
                paramLabel = "N",
                converter = PositiveReal.class,
                description = "Replay the whole dataset in about N seconds (default: 40).")
        double seconds = DEFAULT_REPLAY_SECONDS;

        @Option(
                names = "--speed",
                paramLabel = "X",
                converter = PositiveReal.class,
                description = "Or: replay X times faster than real time.")
        Double speed;

        @Option(
                names = "--work-dir",
                paramLabel = "DIR",
                description = "Where the archive goes (default: .pagerboy/demo; emptied first).")
        Path workDir;

        @Option(
                names = "--archive-compact-every",
                paramLabel = "N",
                converter = PositiveNumber.Int.class,
                description = "Merge archive files every N checkpoints (default: 5; 1: never).")
        int compactEvery = DEFAULT_COMPACT_EVERY;

        DemoOptions options(Path root) {
            return new DemoOptions(
                    config != null ? config : root.resolve("streaming-job/config/pagerboy.yaml"),
                    dataset != null ? dataset : SampleStreams.file(root, AlertFormat.ALERTMANAGER),
                    seconds,
                    speed != null ? OptionalDouble.of(speed) : OptionalDouble.empty(),
                    workDir != null ? workDir : root.resolve(".pagerboy/demo"),
                    compactEvery);
        }
    }

    /** A positive, finite number such as {@code 40} or {@code 0.5}. */
    static final class PositiveReal implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double v = Double.parseDouble(text);
                if (v > 0 && Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("must be a positive number, got '" + text + "'");
        }
    }
}
