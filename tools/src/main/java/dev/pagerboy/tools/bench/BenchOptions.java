package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PathConverter;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.config.StateBackendChoice;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The pipeline benchmark's command line.
 *
 * @param history true: the throughput input keeps the generator's own timestamps (weeks of alarm
 *     history, a catch-up replay); false: they are rescaled to {@code eventRate} (a live stream)
 * @param eventRate alerts per second of event time in the throughput input when not {@code history}
 * @param stateBackend where both jobs keep keyed state, and how they checkpoint it
 * @param ackShare the share of the throughput input's incidents acknowledged by signed acks in the
 *     {@code acks} topic, anchored on a local chain ({@link BenchAcks}); 0: no acks, no chain
 */
record BenchOptions(
        Path config,
        long alerts,
        double rate,
        int seconds,
        long seed,
        boolean history,
        double eventRate,
        StateBackendChoice stateBackend,
        double ackShare) {

    static final double DEFAULT_EVENT_RATE = 10_000;

    /** Parses {@code args}; relative defaults resolve against the project root. */
    static BenchOptions parse(String[] args, Path root) {
        Flags flags = new Flags();
        CommandLine cli = new CommandLine(flags);
        cli.registerConverter(Path.class, new PathConverter());
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(Cli.reason(e), e);
        }
        return flags.options(root);
    }

    /** Whether the throughput input carries acks. */
    boolean acks() {
        return ackShare > 0;
    }

    /** How the throughput input's timestamps were made, as the final line names it. */
    String input() {
        return history ? "history" : "live";
    }

    /** The flags, as picocli fills them; {@link #options(Path)} applies the defaults. */
    static final class Flags {

        @Option(
                names = "--alerts",
                paramLabel = "N",
                converter = PositiveNumber.Long.class,
                description =
                        "Generated alerts for the throughput run (default: ${DEFAULT-VALUE}).")
        long alerts = 1_000_000;

        @Mixin GeneratedInputFlags input = new GeneratedInputFlags();

        @Option(
                names = "--history",
                description = {
                    "Throughput input: keep the generator's timestamps instead (weeks of calibrated",
                    "alarm history: a catch-up replay, many event hours per checkpoint)."
                })
        boolean history;

        @Option(
                names = "--rate",
                paramLabel = "R",
                converter = PositiveNumber.Long.class,
                description =
                        "Alerts per second sent during the latency run (default: ${DEFAULT-VALUE}).")
        long rate = 10_000;

        @Option(
                names = "--seconds",
                paramLabel = "S",
                converter = PositiveNumber.Int.class,
                description =
                        "Length of the latency measurement after a 5 s warm-up (default: ${DEFAULT-VALUE}).")
        int seconds = 20;

        @Option(
                names = "--state-backend",
                paramLabel = "B",
                converter = StateBackendChoice.Converter.class,
                description =
                        "Keyed state and checkpoints: changelog (the job's default), hashmap (full"
                                + " heap snapshots) or rocksdb (incremental) (default:"
                                + " changelog).")
        StateBackendChoice stateBackend = StateBackendChoice.DEFAULT;

        @Option(
                names = "--ack-share",
                paramLabel = "F",
                description = {
                    "Throughput input with acks: the roster's engineers acknowledge this share (0-1]",
                    "of the incidents the alerts open, with signed acks in the acks topic; the job",
                    "checks them and anchors the accepted ones on a local Anvil chain (default: no",
                    "acks)."
                })
        Double ackShare;

        BenchOptions options(Path root) {
            if (history && input.eventRateGiven()) {
                throw new UsageException(
                        "--history keeps the generated timestamps; it cannot be combined with"
                                + " --event-rate");
            }
            return new BenchOptions(
                    input.config(root),
                    alerts,
                    rate,
                    seconds,
                    input.seed,
                    history,
                    input.eventRate(),
                    stateBackend,
                    ackShare());
        }

        private double ackShare() {
            if (ackShare == null) {
                return 0;
            }
            if (!(ackShare > 0 && ackShare <= 1)) {
                throw new UsageException(
                        "--ack-share: " + ackShare + " is not a share (expected 0 < F <= 1)");
            }
            return ackShare;
        }
    }
}
