package dev.pagerboy.streaming;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.anchor.AckAnchorSink;
import dev.pagerboy.streaming.anchor.HourRootAnchorSink;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.config.StateBackendChoice;
import dev.pagerboy.streaming.incidents.IncidentUpdate;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.sinks.ExactlyOnceKafkaSinks;
import dev.pagerboy.streaming.sources.KafkaInputs;
import dev.pagerboy.streaming.sources.WallClockTicks;
import dev.pagerboy.streaming.status.PrometheusExport;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The live job: Kafka sources and the clock in, transactional Kafka sinks and the Parquet archive
 * out, the {@link Pipeline} in between. {@link StreamingJob} (a Flink cluster), {@link LocalJob} (a
 * local MiniCluster), the demo and the integration tests all build the job through here, so they
 * run the same wiring.
 */
public final class LiveJob {

    /** How long a network buffer may wait to fill before it is sent anyway. */
    static final Duration BUFFER_TIMEOUT = Duration.ofMillis(10);

    /** How often sources emit watermarks. */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(20);

    /** In-flight data buffer debloating aims for, in time at the current throughput. */
    static final Duration DEBLOAT_TARGET = Duration.ofMillis(200);

    /** The longest pause between two restarts. */
    static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(5);

    /** A job that ran this long without failing has its restart count and delay reset. */
    static final Duration RESTART_RESET_AFTER = Duration.ofHours(1);

    private LiveJob() {}

    /**
     * Flink settings the job relies on: exactly-once checkpoints at the configured interval (they
     * commit the Kafka transactions and the archive files), the configured state backend ({@link
     * StateBackendChoice}: by default the changelog, whose files go under the checkpoint
     * directory), and a bounded restart strategy with a growing delay, so a job rides out an outage
     * but one that keeps failing stops instead of retrying forever.
     *
     * <p>Latency settings (docs/BENCHMARKS.md, "Decision path"): a notification becomes visible
     * when the first checkpoint after it completes, so checkpoints must not queue behind
     * backpressured data, and event time must reach the group operator quickly.
     *
     * <ul>
     *   <li>Aligned checkpoints, always. Flink 2.2 keeps barriers aligned over forward and
     *       broadcast connections (and over every input of a task that has one): 45 of this job's
     *       50. With unaligned checkpoints on, the rest mixed the two kinds, and the mix stalled
     *       the ten-year history run in most runs: a task behind an unaligned connection took a
     *       checkpoint before one of its upstream tasks, the aligned tasks downstream blocked its
     *       channel for that checkpoint, and the upstream task they waited for was back-pressured
     *       behind it (docs/BENCHMARKS.md, "The history run's stall"). Set explicitly, so a cluster
     *       whose configuration turns unaligned checkpoints on cannot bring the mix back.
     *   <li>Buffer debloating: keeps in-flight data to about {@link #DEBLOAT_TARGET} of throughput,
     *       so aligned barriers queue behind less of it (without it the history run's checkpoints
     *       took 40-96 s instead of 4-14 s). It is a TaskManager setting: on a cluster it belongs
     *       in the cluster's configuration too.
     *   <li>A short network buffer timeout and watermark interval: watermarks travel as records in
     *       network buffers, and every keyed hop (parse → dedup → handler, route → group) could
     *       otherwise hold one back for the default 100 ms; the sources emitted watermarks only
     *       every 200 ms.
     * </ul>
     */
    public static Configuration flinkConfiguration(JobConfig cfg) {
        JobOptions options = cfg.options();
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, cfg.checkpointInterval());
        // A checkpoint slower than this expires and fails the job over, rather than complete
        // after the broker aborted a transaction of its output (chaos finding 18).
        conf.set(
                CheckpointingOptions.CHECKPOINTING_TIMEOUT,
                cfg.outputs().checkpointTimeout(cfg.checkpointInterval()));
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 0);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        network(conf);
        restartWithGrowingDelay(conf, options);
        PrometheusExport.configure(conf, options.metricsPorts());
        // The state backend and, for the changelog, its files under the checkpoint directory.
        conf.addAll(cfg.stateBackend().settings(options.checkpointDir()));
        if (options.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
            // Keep the newest checkpoint when the job is cancelled or stopped, so that a restart
            // with the same directory resumes from it (LocalJob; `flink run -s` on a cluster).
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        return conf;
    }

    /**
     * The checkpoint and network settings of {@link #flinkConfiguration} that decide how long a
     * checkpoint barrier waits (aligned barriers, debloated buffers, short buffer timeout and
     * watermark interval), alone: for tests that run the pipeline on a cluster of their own.
     */
    static Configuration network(Configuration conf) {
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        conf.set(TaskManagerOptions.BUFFER_DEBLOAT_ENABLED, true);
        conf.set(TaskManagerOptions.BUFFER_DEBLOAT_TARGET, DEBLOAT_TARGET);
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        return conf;
    }

    /**
     * Restarts that wait longer each time: {@code --restart-delay}, then twice that, and so on up
     * to {@link #MAX_RESTART_DELAY}, for at most {@code --restart-attempts} restarts in a row (none
     * with 0). A fixed delay spent all its attempts within seconds of an outage that outlasted them
     * (an archive directory gone for 30 s failed the job for good: chaos R7, docs/RELIABILITY.md),
     * and never forgot a failure, so three failures months apart stopped a healthy job. The count
     * and the delay start again once the job has run for {@link #RESTART_RESET_AFTER} without
     * failing.
     */
    static void restartWithGrowingDelay(Configuration conf, JobOptions options) {
        if (options.restartAttempts() == 0) {
            // Flink's exponential-delay strategy needs at least one attempt.
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            return;
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                options.restartAttempts());
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                options.restartDelay());
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                max(options.restartDelay(), MAX_RESTART_DELAY));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                RESTART_RESET_AFTER);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** An environment (cluster, MiniCluster or test context) configured for {@code cfg}. */
    public static StreamExecutionEnvironment environment(JobConfig cfg) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(cfg));
        if (cfg.options().parallelism() > 0) {
            env.setParallelism(cfg.options().parallelism());
        }
        return env;
    }

    /** Adds the whole live job to {@code env}. */
    public static void define(StreamExecutionEnvironment env, JobConfig cfg) {
        Pipeline.define(
                env,
                PipelineConfig.of(cfg.pagerboy()),
                inputs(env, cfg),
                outputs(cfg, checkpointDir(env, cfg)));
    }

    /**
     * Where the job's checkpoints go: {@code --checkpoint-dir}, else the cluster's own ({@code
     * execution.checkpointing.dir} as the submitting client reads it), else {@code null}.
     */
    static String checkpointDir(StreamExecutionEnvironment env, JobConfig cfg) {
        if (cfg.options().checkpointDir() != null) {
            return cfg.options().checkpointDir();
        }
        return env.getConfiguration()
                .getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .orElse(null);
    }

    public static PipelineInputs inputs(StreamExecutionEnvironment env, JobConfig cfg) {
        KafkaSettings.Topics topics = cfg.topics();
        return new PipelineInputs(
                KafkaInputs.stream(env, cfg.inputs(), "alerts", topics.alerts()),
                ticks(env, cfg),
                KafkaInputs.stream(env, cfg.inputs(), "silences", topics.silences()),
                KafkaInputs.stream(env, cfg.inputs(), "acks", topics.acks()),
                KafkaInputs.stream(env, cfg.inputs(), "receipts", topics.receipts()));
    }

    public static PipelineOutputs outputs(JobConfig cfg) {
        return outputs(cfg, cfg.options().checkpointDir());
    }

    /** The job's outputs; the anchoring sink keeps its journal under {@code checkpointDir}. */
    static PipelineOutputs outputs(JobConfig cfg, String checkpointDir) {
        KafkaSettings.Topics topics = cfg.topics();
        return new PipelineOutputs(
                ExactlyOnceKafkaSinks.json(
                        cfg.outputs(),
                        "notifications",
                        topics.notifications(),
                        Notification::idempotencyKey),
                ExactlyOnceKafkaSinks.deadLetters(cfg.outputs(), topics.deadLetters()),
                ParquetArchive.sink(cfg.archive()),
                ExactlyOnceKafkaSinks.json(
                        cfg.outputs(), "incidents", topics.incidents(), IncidentUpdate::incidentId),
                ackAnchoring(cfg, checkpointDir),
                HourRootAnchorSink.orDiscard(cfg.options().ledger()));
    }

    /**
     * Anchors accepted acks on the chain with a two-phase commit (docs/OPERATIONS.md, "Anchoring
     * acknowledgments on the chain"), when the job was given a ledger; without one they are only
     * archived, as {@code ack} rows.
     */
    private static Sink<AckLeaf> ackAnchoring(JobConfig cfg, String checkpointDir) {
        LedgerEndpoint ledger = cfg.options().ledger();
        if (ledger == null) {
            return new DiscardingSink<>();
        }
        return AckAnchorSink.live(
                ledger,
                cfg.outputs(),
                cfg.topics().ackReceipts(),
                ParquetArchive.sink(cfg.archive()),
                checkpointDir);
    }

    private static DataStream<Tick> ticks(StreamExecutionEnvironment env, JobConfig cfg) {
        JobOptions options = cfg.options();
        return switch (options.clock()) {
            case WALL ->
                    WallClockTicks.stream(
                            env,
                            options.tickClock(),
                            options.tickInterval(),
                            options.maxOutOfOrderness());
            case TOPIC -> KafkaInputs.ticks(env, cfg.inputs(), cfg.topics().ticks());
        };
    }
}
