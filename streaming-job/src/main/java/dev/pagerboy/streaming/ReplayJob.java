package dev.pagerboy.streaming;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.replay.ReplaySources;
import dev.pagerboy.streaming.replay.StagedInputs;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The replay as a Flink job: the staged archive inputs through the same {@link Pipeline} as the
 * live job, the decisions into a new archive. Notifications and dead letters are not sent anywhere:
 * their archive rows are what replay compares. {@code ./pagerboy replay} runs it on a local
 * MiniCluster; {@code flink run ... pagerboy-job.jar --mode replay} ({@link StreamingJob}) on a
 * cluster. It lives beside {@link LiveJob} so that the job jar holds both.
 *
 * <p>It runs in streaming mode over bounded sources, not in Flink's batch mode: batch mode sorts
 * keyed input by key and fires event-time timers only at the end of each key, while the pipeline's
 * group timers and broadcast clock need event time to advance as it did live.
 */
public final class ReplayJob {

    private ReplayJob() {}

    /**
     * Streaming mode, no checkpoints (a bounded replay that fails is simply run again; the file
     * sink commits its files at the end of the input), no restarts.
     */
    public static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(200));
        return conf;
    }

    /**
     * Adds the replay of {@code staged} to {@code env}, writing its archive to {@code out}. The
     * flush, routed-alert, silence, tick and inhibition source times the archive recorded ({@link
     * StagedInputs#lateFlushes()}, {@link StagedInputs#lateAlerts()}, {@link
     * StagedInputs#lateControls()}) join {@code cfg}.
     *
     * @throws UsageException if the archive recorded silences, ticks or inhibition source changes
     *     that the live job's group subtasks met late, at another parallelism or maximum
     *     parallelism than {@code env}'s
     */
    public static void define(
            StreamExecutionEnvironment env,
            PipelineConfig cfg,
            StagedInputs staged,
            Duration maxOutOfOrderness,
            URI out,
            String progressId) {
        checkParallelism(env, staged.lateControls());
        ReplaySources sources = new ReplaySources(env, staged, maxOutOfOrderness, progressId);
        Pipeline.define(
                env,
                cfg.withRecorded(staged.lateFlushes(), staged.lateAlerts(), staged.lateControls()),
                new PipelineInputs(
                        sources.alerts(),
                        sources.ticks(),
                        sources.silences(),
                        sources.acks(),
                        sources.receipts()),
                new PipelineOutputs(
                        new DiscardingSink<>(),
                        new DiscardingSink<>(),
                        ParquetArchive.sink(ArchiveLayout.at(out.toString()).compactingEvery(1))));
    }

    /**
     * A silence, tick or inhibition source change met late is recorded per group subtask ({@link
     * LateControls}), and a group key meets the subtask of the same index as live only at the same
     * parallelism and the same maximum parallelism (the number of key groups, which Flink maps to
     * subtasks): a job whose parallelism or maximum parallelism is not set gets the live one,
     * another is refused.
     *
     * @throws UsageException if {@code env} is set to another parallelism or maximum parallelism
     *     than the rows record, or the rows record several (the live job was rescaled)
     */
    static void checkParallelism(StreamExecutionEnvironment env, LateControls recorded) {
        OptionalInt live;
        OptionalInt liveMax;
        try {
            live = recorded.parallelism();
            liveMax = recorded.maxParallelism();
        } catch (IllegalStateException rescaled) {
            throw new UsageException(
                    "the archive cannot be replayed exactly: "
                            + rescaled.getMessage()
                            + " (the live job was rescaled while they were late)",
                    rescaled);
        }
        if (live.isEmpty() || liveMax.isEmpty()) {
            return;
        }
        if (env.getParallelism() == ExecutionConfig.PARALLELISM_DEFAULT) {
            env.setParallelism(live.getAsInt()); // flink run without -p: the live job's
        }
        if (live.getAsInt() != env.getParallelism()) {
            throw new UsageException(
                    recordedTimes(recorded, "parallelism " + live.getAsInt())
                            + ": replay with --parallelism "
                            + live.getAsInt()
                            + ", not "
                            + env.getParallelism());
        }
        if (env.getMaxParallelism() <= 0) {
            // Not set: Flink would derive it from the parallelism; the live job may have had
            // another (a cluster's pipeline.max-parallelism).
            env.setMaxParallelism(liveMax.getAsInt());
        }
        if (liveMax.getAsInt() != env.getMaxParallelism()) {
            throw new UsageException(
                    recordedTimes(recorded, "maximum parallelism " + liveMax.getAsInt())
                            + ": replay with maximum parallelism "
                            + liveMax.getAsInt()
                            + " (pipeline.max-parallelism, or leave it unset), not "
                            + env.getMaxParallelism());
        }
    }

    private static String recordedTimes(LateControls recorded, String setting) {
        return "the archive records "
                + recorded.size()
                + " silence, tick or inhibition source time(s) of a live job's group stage at "
                + setting
                + " (late_input rows of stage "
                + LateControls.STAGE
                + ")";
    }
}
