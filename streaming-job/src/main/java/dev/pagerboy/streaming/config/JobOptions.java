package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.TickClock;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How this deployment of the job runs, as opposed to what it decides ({@code pagerboy.yaml}). The
 * mains build it from their command line ({@code JobArguments}); tests, the demo and the benchmark
 * build it with {@link #builder(Path)}, which starts from the defaults, or change a copy with
 * {@link #toBuilder()}.
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
 * @param ledger where accepted acks are anchored, or {@code null}: not anchored (they are still
 *     archived as {@code ack} rows)
 * @param metricsPorts where a local MiniCluster serves its metrics to Prometheus: a port or a range
 *     {@code from-to}; {@code ""} for none (a cluster configures its own reporters)
 * @param stateBackend overrides {@code state_backend} from the YAML when not {@code null}
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
        String checkpointDir,
        LedgerEndpoint ledger,
        String metricsPorts,
        StateBackendChoice stateBackend)
        implements Serializable {

    /** Where ticks come from. */
    public enum ClockSource {
        /** The job's own wall clock (live). */
        WALL,
        /** The ticks topic: whoever produces it owns time (demo, tests). */
        TOPIC
    }

    public static final String DEFAULT_ARCHIVE = "pagerboy-archive";

    /** How late an input may be by default ({@code --max-out-of-orderness}). */
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    /** Options for {@code configFile} with every other option at its default. */
    public static JobOptions defaults(Path configFile) {
        return builder(configFile).build();
    }

    /** A builder for {@code configFile}, every other option at its default. */
    public static Builder builder(Path configFile) {
        return new Builder(configFile);
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(configFile)
                .bootstrapServers(bootstrapServers)
                .archive(archive)
                .parallelism(parallelism)
                .restartAttempts(restartAttempts)
                .restartDelay(restartDelay)
                .clock(clock)
                .tickClock(tickClock)
                .tickInterval(tickInterval)
                .maxOutOfOrderness(maxOutOfOrderness)
                .idleTimeout(idleTimeout)
                .stopAtLatest(stopAtLatest)
                .groupId(groupId)
                .transactionalIdPrefix(transactionalIdPrefix)
                .transactionTimeout(transactionTimeout)
                .checkpointDir(checkpointDir)
                .ledger(ledger)
                .metricsPorts(metricsPorts)
                .stateBackend(stateBackend);
    }

    public JobOptions {
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must not be negative");
        }
        if (restartAttempts < 0) {
            throw new IllegalArgumentException("restart attempts must not be negative");
        }
        if (metricsPorts == null || !metricsPorts.matches("|[0-9]{1,5}(-[0-9]{1,5})?")) {
            throw new IllegalArgumentException(
                    "metrics port '"
                            + metricsPorts
                            + "' is not a port or a range (expected 9249 or 9249-9259)");
        }
    }

    /**
     * Builds {@link JobOptions}; it starts from the defaults, and each setter changes one option
     * (see the record's components for their meaning). {@link #build()} validates.
     */
    public static final class Builder {
        private Path configFile;
        private String bootstrapServers;
        private ArchiveLayout archive =
                ArchiveLayout.at(Path.of(DEFAULT_ARCHIVE).toAbsolutePath().toUri().toString());
        private int parallelism = 0;
        private int restartAttempts = 3;
        private Duration restartDelay = Duration.ofSeconds(10);
        private ClockSource clock = ClockSource.WALL;
        private TickClock tickClock = TickClock.REAL_TIME;
        private Duration tickInterval = Duration.ofSeconds(1);
        private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
        private Duration idleTimeout = Duration.ofSeconds(10);
        private boolean stopAtLatest = false;
        private String groupId = "pagerboy";
        private String transactionalIdPrefix = "pagerboy";
        private Duration transactionTimeout = ExactlyOnceSinkSettings.DEFAULT_TRANSACTION_TIMEOUT;
        private String checkpointDir;
        private LedgerEndpoint ledger;
        private String metricsPorts = "";
        private StateBackendChoice stateBackend;

        private Builder(Path configFile) {
            this.configFile = configFile;
        }

        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder archive(ArchiveLayout layout) {
            this.archive = layout;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder restartAttempts(int attempts) {
            this.restartAttempts = attempts;
            return this;
        }

        public Builder restartDelay(Duration delay) {
            this.restartDelay = delay;
            return this;
        }

        public Builder clock(ClockSource source) {
            this.clock = source;
            return this;
        }

        public Builder tickClock(TickClock mapping) {
            this.tickClock = mapping;
            return this;
        }

        public Builder tickInterval(Duration interval) {
            this.tickInterval = interval;
            return this;
        }

        public Builder maxOutOfOrderness(Duration outOfOrderness) {
            this.maxOutOfOrderness = outOfOrderness;
            return this;
        }

        public Builder idleTimeout(Duration idle) {
            this.idleTimeout = idle;
            return this;
        }

        public Builder stopAtLatest(boolean bounded) {
            this.stopAtLatest = bounded;
            return this;
        }

        /** Kafka consumer group of the inputs: unique per job on a cluster. */
        public Builder groupId(String group) {
            this.groupId = group;
            return this;
        }

        /** Prefix of the sinks' transactional ids: unique per job on a cluster. */
        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = timeout;
            return this;
        }

        public Builder checkpointDir(String uri) {
            this.checkpointDir = uri;
            return this;
        }

        public Builder ledger(LedgerEndpoint endpoint) {
            this.ledger = endpoint;
            return this;
        }

        public Builder metricsPorts(String ports) {
            this.metricsPorts = ports;
            return this;
        }

        /** The state backend, over {@code state_backend} in the YAML; {@code null}: the YAML's. */
        public Builder stateBackend(StateBackendChoice choice) {
            this.stateBackend = choice;
            return this;
        }

        public JobOptions build() {
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
                    checkpointDir,
                    ledger,
                    metricsPorts,
                    stateBackend);
        }
    }
}
