package dev.pagerboy.streaming;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.sources.TickClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link StreamingJob} and {@link LocalJob}, turned into {@link JobOptions}.
 * Everything about what the job decides is in {@code pagerboy.yaml}; the flags only say how this
 * deployment runs.
 */
public final class JobArguments {

    public static final String USAGE =
            """
            options:
              --config FILE                 pagerboy.yaml (required)
              --bootstrap-servers HOST:PORT overrides kafka.bootstrap_servers from the config
              --archive DIR|URI             Parquet archive location (default ./pagerboy-archive)
              --archive-compact-every N     merge archive files every N checkpoints (default 60)
              --parallelism N               job parallelism (default: the cluster's)
              --restart-attempts N          restarts after failures before giving up (default 3)
              --restart-delay DURATION      pause before a restart (default 10s)
              --clock wall|topic            ticks from the job's wall clock (default) or the ticks topic
              --tick-interval DURATION      wall-clock time between ticks (default 1s)
              --clock-speed X               event-time ms per wall-clock ms (default 1)
              --clock-origin INSTANT,INSTANT  event time and wall time that coincide (with --clock-speed)
              --max-out-of-orderness DURATION  lateness allowed to inputs (default 5s)
              --idle-timeout DURATION       idle input partitions stop holding event time (default 10s)
              --bounded                     read topics up to their current end, then finish (needs --clock topic)
              --group-id ID                 Kafka consumer group (default pagerboy)
              --transactional-id-prefix P   unique per job on a Kafka cluster (default pagerboy)
              --transaction-timeout DURATION  Kafka transaction timeout, below the broker max (default 10m)
              --checkpoint-dir URI          durable checkpoint storage (default: the cluster's;
                                            ./pagerboy job: ./pagerboy-checkpoints)
            durations: 500ms, 2s, 5m, 1h or ISO-8601 (PT1S)""";

    private static final Set<String> VALUE_FLAGS =
            Set.of(
                    "--config",
                    "--bootstrap-servers",
                    "--archive",
                    "--archive-compact-every",
                    "--parallelism",
                    "--restart-attempts",
                    "--restart-delay",
                    "--clock",
                    "--tick-interval",
                    "--clock-speed",
                    "--clock-origin",
                    "--max-out-of-orderness",
                    "--idle-timeout",
                    "--group-id",
                    "--transactional-id-prefix",
                    "--transaction-timeout",
                    "--checkpoint-dir");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private JobArguments() {}

    /** Whether the command line asks for help instead of a job. */
    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static JobOptions parse(String[] args) throws UsageException {
        Path config = null;
        JobOptions.Builder options = JobOptions.builder(Path.of("pagerboy.yaml"));
        String archive = null;
        int compactEvery = ArchiveLayout.DEFAULT_COMPACT_EVERY_CHECKPOINTS;
        ClockSource clock = ClockSource.WALL;
        double speed = 1.0;
        long eventOrigin = 0;
        long wallOrigin = 0;
        boolean bounded = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--bounded")) {
                bounded = true;
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("unexpected argument '" + flag + "'");
            }
            if (!VALUE_FLAGS.contains(flag)) {
                throw new UsageException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--config" -> config = Path.of(value);
                case "--bootstrap-servers" -> options.bootstrapServers(value);
                case "--archive" -> archive = value;
                case "--archive-compact-every" -> compactEvery = positive(flag, value);
                case "--parallelism" -> options.parallelism(positive(flag, value));
                case "--restart-attempts" -> options.restartAttempts(nonNegative(flag, value));
                case "--restart-delay" -> options.restartDelay(duration(flag, value));
                case "--clock" -> clock = clock(value);
                case "--tick-interval" -> options.tickInterval(positiveDuration(flag, value));
                case "--clock-speed" -> speed = speed(value);
                case "--clock-origin" -> {
                    String[] both = value.split(",", -1);
                    if (both.length != 2) {
                        throw new UsageException(
                                "--clock-origin wants EVENT_INSTANT,WALL_INSTANT, got '"
                                        + value
                                        + "'");
                    }
                    eventOrigin = instant(flag, both[0]);
                    wallOrigin = instant(flag, both[1]);
                }
                case "--max-out-of-orderness" -> options.maxOutOfOrderness(duration(flag, value));
                case "--idle-timeout" -> options.idleTimeout(positiveDuration(flag, value));
                case "--group-id" -> options.groupId(value);
                case "--transactional-id-prefix" -> options.transactionalIdPrefix(value);
                case "--transaction-timeout" ->
                        options.transactionTimeout(positiveDuration(flag, value));
                case "--checkpoint-dir" -> options.checkpointDir(value);
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (config == null) {
            throw new UsageException("--config FILE is required");
        }
        if (bounded && clock == ClockSource.WALL) {
            throw new UsageException("--bounded needs --clock topic: the wall clock never ends");
        }
        String archiveUri =
                archive == null
                        ? Path.of(JobOptions.DEFAULT_ARCHIVE).toAbsolutePath().toUri().toString()
                        : archive.contains("://")
                                ? archive
                                : Path.of(archive).toAbsolutePath().toUri().toString();
        return options.archive(
                        new ArchiveLayout(
                                archiveUri, compactEvery, ArchiveLayout.DEFAULT_COMPACT_AT_BYTES))
                .clock(clock)
                .tickClock(new TickClock(eventOrigin, wallOrigin, speed))
                .stopAtLatest(bounded)
                .configFile(config)
                .build();
    }

    /** Parses {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601. */
    static Duration duration(String flag, String value) throws UsageException {
        Matcher m = SHORT_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(value);
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new UsageException(
                    flag + ": not a duration: '" + value + "' (e.g. 500ms, 2s, 5m)");
        }
    }

    private static Duration positiveDuration(String flag, String value) throws UsageException {
        Duration d = duration(flag, value);
        if (d.isNegative() || d.isZero()) {
            throw new UsageException(flag + " must be positive, got '" + value + "'");
        }
        return d;
    }

    private static int positive(String flag, String value) throws UsageException {
        int n = integer(flag, value);
        if (n < 1) {
            throw new UsageException(flag + " must be at least 1, got " + n);
        }
        return n;
    }

    private static int nonNegative(String flag, String value) throws UsageException {
        int n = integer(flag, value);
        if (n < 0) {
            throw new UsageException(flag + " must not be negative, got " + n);
        }
        return n;
    }

    private static int integer(String flag, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": not a whole number: '" + value + "'");
        }
    }

    private static double speed(String value) throws UsageException {
        try {
            double speed = Double.parseDouble(value);
            if (speed > 0 && !Double.isInfinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--clock-speed must be a positive number, got '" + value + "'");
    }

    private static ClockSource clock(String value) throws UsageException {
        return switch (value) {
            case "wall" -> ClockSource.WALL;
            case "topic" -> ClockSource.TOPIC;
            default ->
                    throw new UsageException("--clock must be wall or topic, got '" + value + "'");
        };
    }

    private static long instant(String flag, String value) throws UsageException {
        try {
            return Instant.parse(value.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    flag
                            + ": not an ISO-8601 instant: '"
                            + value
                            + "' (e.g. 2026-11-28T13:00:00Z)");
        }
    }
}
