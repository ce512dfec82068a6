package dev.pagerboy.streaming;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UriConverter;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.config.StateBackendChoice;
import dev.pagerboy.streaming.sources.TickClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line of {@link StreamingJob} and {@link LocalJob} (mixed into both), turned into
 * {@link JobOptions}. Everything about what the job decides is in {@code pagerboy.yaml}; the flags
 * only say how this deployment runs.
 */
@Command(
        sortOptions = false,
        footerHeading = "%nDurations:%n",
        footer = {"  500ms, 2s, 5m, 1h30m (as in pagerboy.yaml) or ISO-8601 (PT1S)."})
public final class JobArguments {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            required = true,
            description = "pagerboy.yaml: routes, receivers, handlers, timers.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Overrides kafka.bootstrap_servers from the config.")
    String bootstrapServers;

    @Option(
            names = "--archive",
            paramLabel = "DIR|URI",
            description =
                    "Parquet archive location: a path or a URI (default: ./"
                            + JobOptions.DEFAULT_ARCHIVE
                            + ").")
    URI archive;

    @Option(
            names = "--archive-compact-every",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Merge archive files every N checkpoints (default: ${DEFAULT-VALUE}).")
    int compactEvery = ArchiveLayout.DEFAULT_COMPACT_EVERY_CHECKPOINTS;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Job parallelism (default: the cluster's; ./pagerboy job: 2).")
    Integer parallelism;

    @Option(
            names = "--restart-attempts",
            paramLabel = "N",
            converter = NonNegative.class,
            description =
                    "Restarts in a row before giving up; the count starts again after an hour"
                            + " without failure (default: 3).")
    Integer restartAttempts;

    @Option(
            names = "--restart-delay",
            paramLabel = "DURATION",
            converter = JobDurationConverter.class,
            description =
                    "Pause before the first restart, e.g. 10s or 1h30m; each further one waits"
                            + " twice as long, up to 5m (default: 10s).")
    Duration restartDelay;

    @Option(
            names = "--clock",
            paramLabel = "wall|topic",
            converter = ClockConverter.class,
            description = "Ticks from the job's wall clock (default) or from the ticks topic.")
    ClockSource clock = ClockSource.WALL;

    @Option(
            names = "--tick-interval",
            paramLabel = "DURATION",
            converter = JobDurationConverter.Positive.class,
            description = "Wall-clock time between ticks (default: 1s).")
    Duration tickInterval;

    @Option(
            names = "--clock-speed",
            paramLabel = "X",
            converter = SpeedConverter.class,
            description = "Event-time ms per wall-clock ms (default: 1).")
    double speed = 1.0;

    @Option(
            names = "--clock-origin",
            paramLabel = "EVENT,WALL",
            converter = OriginConverter.class,
            description =
                    "Event time and wall time (ISO-8601 instants) that coincide, with --clock-speed.")
    ClockOrigin origin = new ClockOrigin(0, 0);

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            converter = JobDurationConverter.class,
            description = "Lateness allowed to inputs (default: 5s).")
    Duration maxOutOfOrderness;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            converter = JobDurationConverter.Positive.class,
            description =
                    "Idle input partitions stop holding event time after this (default: 10s).")
    Duration idleTimeout;

    @Option(
            names = "--bounded",
            description =
                    "Read the topics up to their current end, then finish (needs --clock topic).")
    boolean bounded;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            description = "Kafka consumer group (default: pagerboy).")
    String groupId;

    @Option(
            names = "--transactional-id-prefix",
            paramLabel = "P",
            description = "Unique per job on a Kafka cluster (default: pagerboy).")
    String transactionalIdPrefix;

    @Option(
            names = "--transaction-timeout",
            paramLabel = "DURATION",
            converter = JobDurationConverter.Positive.class,
            description = "Kafka transaction timeout, below the broker's maximum (default: 10m).")
    Duration transactionTimeout;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR|URI",
            description = {
                "Durable checkpoint storage: a path or a URI (default: the cluster's;",
                "./pagerboy job: ./pagerboy-checkpoints)."
            })
    URI checkpointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "changelog|hashmap",
            converter = StateBackendChoice.JobConverter.class,
            description = {
                "Keyed state and checkpoints: changelog (heap state, each checkpoint uploads its",
                "changes) or hashmap (a full heap snapshot per checkpoint); overrides",
                "state_backend in the config (default there: changelog)."
            })
    StateBackendChoice stateBackend;

    @Option(
            names = "--ledger-rpc",
            paramLabel = "URL",
            description = {
                "Anchor accepted acks and the archive's hour roots on this Ethereum JSON-RPC node",
                "(with --ledger-contract and --ledger-key); without it they are archived but not",
                "anchored."
            })
    String ledgerRpc;

    @Option(
            names = "--ledger-contract",
            paramLabel = "0xADDRESS",
            description = "The AlertLedger contract to anchor in (./pagerboy ledger deploy).")
    String ledgerContract;

    @Option(
            names = "--ledger-key",
            paramLabel = "FILE",
            description =
                    "File with the anchoring account's private key (a writer of the contract).")
    Path ledgerKey;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT|FROM-TO",
            description = {
                "Serve the job's Flink metrics to Prometheus on this port (or the first free one",
                "of a range, e.g. 9249-9259) at /metrics; local runs only (default: off).",
                "A cluster configures its reporter in its own config.yaml (docs/OPERATIONS.md)."
            })
    String metricsPort = "";

    /** Parses a whole command line into options; a {@link UsageException} says what is wrong. */
    public static JobOptions parse(String[] args) {
        JobArguments arguments = new JobArguments();
        CommandLine cli = new CommandLine(arguments);
        cli.registerConverter(URI.class, new UriConverter());
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(Cli.reason(e), e);
        }
        return arguments.toOptions();
    }

    /** The options these flags describe. */
    public JobOptions toOptions() {
        if (bounded && clock == ClockSource.WALL) {
            throw new UsageException("--bounded needs --clock topic: the wall clock never ends");
        }
        JobOptions.Builder options = JobOptions.builder(config);
        if (bootstrapServers != null) {
            options.bootstrapServers(bootstrapServers);
        }
        if (parallelism != null) {
            options.parallelism(parallelism);
        }
        if (restartAttempts != null) {
            options.restartAttempts(restartAttempts);
        }
        if (restartDelay != null) {
            options.restartDelay(restartDelay);
        }
        if (tickInterval != null) {
            options.tickInterval(tickInterval);
        }
        if (maxOutOfOrderness != null) {
            options.maxOutOfOrderness(maxOutOfOrderness);
        }
        if (idleTimeout != null) {
            options.idleTimeout(idleTimeout);
        }
        if (groupId != null) {
            options.groupId(groupId);
        }
        if (transactionalIdPrefix != null) {
            options.transactionalIdPrefix(transactionalIdPrefix);
        }
        if (transactionTimeout != null) {
            options.transactionTimeout(transactionTimeout);
        }
        if (checkpointDir != null) {
            options.checkpointDir(checkpointDir.toString());
        }
        options.stateBackend(stateBackend);
        options.ledger(ledger());
        options.metricsPorts(metricsPort);
        URI archiveUri =
                archive != null
                        ? archive
                        : Path.of(JobOptions.DEFAULT_ARCHIVE).toAbsolutePath().toUri();
        return options.archive(
                        new ArchiveLayout(
                                archiveUri.toString(),
                                compactEvery,
                                ArchiveLayout.DEFAULT_COMPACT_AT_BYTES))
                .clock(clock)
                .tickClock(new TickClock(origin.eventMs(), origin.wallMs(), speed))
                .stopAtLatest(bounded)
                .configFile(config)
                .build();
    }

    /** The ledger to anchor in: all three flags, or none. */
    private LedgerEndpoint ledger() {
        int given =
                (ledgerRpc != null ? 1 : 0)
                        + (ledgerContract != null ? 1 : 0)
                        + (ledgerKey != null ? 1 : 0);
        if (given == 0) {
            return null;
        }
        if (given < 3) {
            throw new UsageException(
                    "--ledger-rpc, --ledger-contract and --ledger-key go together");
        }
        if (!ledgerContract.matches("0x[0-9a-fA-F]{40}")) {
            throw new UsageException(
                    "--ledger-contract: not an address: '"
                            + ledgerContract
                            + "' (expected 0x and 40 hex digits)");
        }
        if (!Files.isRegularFile(ledgerKey)) {
            throw new UsageException("--ledger-key: no such file: " + ledgerKey);
        }
        return new LedgerEndpoint(ledgerRpc, ledgerContract, ledgerKey.toAbsolutePath().toString());
    }

    /** {@code wall} or {@code topic}. */
    static final class ClockConverter implements ITypeConverter<ClockSource> {
        @Override
        public ClockSource convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "wall" -> ClockSource.WALL;
                case "topic" -> ClockSource.TOPIC;
                default ->
                        throw new TypeConversionException(
                                "must be wall or topic, got '" + value + "'");
            };
        }
    }

    /** A positive, finite number. */
    static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double speed = Double.parseDouble(value);
                if (speed > 0 && !Double.isInfinite(speed)) {
                    return speed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a positive number, got '" + value + "'");
        }
    }

    /** Zero or more. */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.replace("_", ""));
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a whole number >= 0, got '" + value + "'");
        }
    }

    /** An event time and the wall time it coincides with, epoch milliseconds. */
    record ClockOrigin(long eventMs, long wallMs) {}

    /** {@code EVENT_INSTANT,WALL_INSTANT}, both ISO-8601. */
    static final class OriginConverter implements ITypeConverter<ClockOrigin> {
        @Override
        public ClockOrigin convert(String value) {
            String[] both = value.split(",", -1);
            if (both.length != 2) {
                throw new TypeConversionException(
                        "wants EVENT_INSTANT,WALL_INSTANT, got '" + value + "'");
            }
            return new ClockOrigin(instant(both[0]), instant(both[1]));
        }

        private static long instant(String text) {
            try {
                return Instant.parse(text.trim()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "not an ISO-8601 instant: '" + text + "' (e.g. 2026-11-28T13:00:00Z)");
            }
        }
    }
}
