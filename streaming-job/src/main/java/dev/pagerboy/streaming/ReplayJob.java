package dev.pagerboy.streaming;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.replay.ReplaySources;
import dev.pagerboy.streaming.replay.StagedInputs;
import java.net.URI;
import java.time.Duration;
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
     * flush and routed-alert times the archive recorded ({@link StagedInputs#lateFlushes()}, {@link
     * StagedInputs#lateAlerts()}) join {@code cfg}.
     */
    public static void define(
            StreamExecutionEnvironment env,
            PipelineConfig cfg,
            StagedInputs staged,
            Duration maxOutOfOrderness,
            URI out,
            String progressId) {
        ReplaySources sources = new ReplaySources(env, staged, maxOutOfOrderness, progressId);
        Pipeline.define(
                env,
                cfg.withRecorded(staged.lateFlushes(), staged.lateAlerts()),
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
}
