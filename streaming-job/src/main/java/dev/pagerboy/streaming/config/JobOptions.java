package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.TickClock;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How this deployment of the job runs, as opposed to what it decides ({@code pagerboy.yaml}). The
 * mains build it from their command line; tests build it directly.
 *
 * @param configFile the {@code pagerboy.yaml} to load
 * @param bootstrapServers overrides {@code kafka.bootstrap_servers} from the YAML when not {@code
 *     null} (the demo and tests start a broker on a free port)
 * @param archive where and how the Parquet archive is written
 * @param parallelism job parallelism ({@code 0}: the cluster's default)
 * @param restartAttempts restarts after a failure before the job fails (bounded on purpose)
 * @param restartDelay pause before each restart
 * @param clock {@link ClockSource#WALL} ticks from the job's own clock, {@link ClockSource#TOPIC}
 *     ticks from the ticks topic
 * @param tickClock the wall-clock to event-time mapping of the wall clock source
 * @param tickInterval wall-clock time between two ticks of the wall clock source
 * @param maxOutOfOrderness how late an input may be and still be on time
 * @param idleTimeout after this long without records an input partition stops holding event time
 * @param stopAtLatest bounded mode: read the topics up to their latest offsets at start-up, then
 *     finish (tests, batch catch-up)
 * @param groupId Kafka consumer group for the input topics
 * @param transactionalIdPrefix unique per job on one Kafka cluster
 * @param transactionTimeout Kafka transaction timeout (below the broker's 15 min maximum)
 * @param checkpointDir durable checkpoint storage URI, or {@code null} for the cluster's default
 */
public record JobOptions(
        Path configFile,
        String bootstrapServers,
        ArchiveLayout archive,
        int parallelism,
        int restartAttempts,
        Duration restartDelay,
        ClockSource clock,
        TickClock tickClock,
        Duration tickInterval,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        boolean stopAtLatest,
        String groupId,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        String checkpointDir)
        implements Serializable {

    /** Where ticks come from. */
    public enum ClockSource {
        /** The job's own wall clock (live). */
        WALL,
        /** The ticks topic: whoever produces it owns time (demo, tests). */
        TOPIC
    }

    public static final String DEFAULT_ARCHIVE = "pagerboy-archive";

    /** Options for {@code configFile} with every other option at its default. */
    public static JobOptions defaults(Path configFile) {
        return new JobOptions(
                configFile,
                null,
                ArchiveLayout.at(Path.of(DEFAULT_ARCHIVE).toAbsolutePath().toUri().toString()),
                0,
                3,
                Duration.ofSeconds(10),
                ClockSource.WALL,
                TickClock.REAL_TIME,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                false,
                "pagerboy",
                "pagerboy",
                ExactlyOnceSinkSettings.DEFAULT_TRANSACTION_TIMEOUT,
                null);
    }

    public JobOptions {
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must not be negative");
        }
        if (restartAttempts < 0) {
            throw new IllegalArgumentException("restart attempts must not be negative");
        }
    }

    public JobOptions withBootstrapServers(String servers) {
        return new JobOptions(
                configFile,
                servers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withArchive(ArchiveLayout layout) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                layout,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withParallelism(int value) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                value,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withRestarts(int attempts, Duration delay) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                attempts,
                delay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withClock(ClockSource source, TickClock mapping, Duration interval) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                source,
                mapping,
                interval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withEventTime(Duration outOfOrderness, Duration idle) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                outOfOrderness,
                idle,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions stoppingAtLatest(boolean bounded) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                bounded,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                checkpointDir);
    }

    /** Consumer group and transactional id prefix: both must be unique per job on a cluster. */
    public JobOptions withIdentity(String group, String transactionalPrefix) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                group,
                transactionalPrefix,
                transactionTimeout,
                checkpointDir);
    }

    public JobOptions withTransactionTimeout(Duration timeout) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                timeout,
                checkpointDir);
    }

    public JobOptions withCheckpointDir(String uri) {
        return new JobOptions(
                configFile,
                bootstrapServers,
                archive,
                parallelism,
                restartAttempts,
                restartDelay,
                clock,
                tickClock,
                tickInterval,
                maxOutOfOrderness,
                idleTimeout,
                stopAtLatest,
                groupId,
                transactionalIdPrefix,
                transactionTimeout,
                uri);
    }
}
