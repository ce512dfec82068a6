package dev.pagerboy.streaming;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.replay.ArchiveListing;
import dev.pagerboy.streaming.replay.ArchivedInputs;
import dev.pagerboy.streaming.replay.StagedInputs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code flink run ... pagerboy-job.jar --mode replay}: the replay of an archive on a Flink
 * cluster, into a new archive that {@code ./pagerboy replay --replayed} compares afterwards.
 *
 * <p>Where each part runs. The client ({@code flink run}'s JVM, where this {@code main} runs) reads
 * the archive's input rows, puts them in live order and stages them as one Parquet file per input
 * under {@code OUT/.inputs}, all through Flink's file systems; then it submits {@link ReplayJob}.
 * The task managers read the staged files, run the pipeline and write the replay's archive to
 * {@code OUT}. So {@code --archive} must be readable by the client, and {@code --out} writable by
 * the client and every task manager: on a multi-machine cluster, shared storage. The client holds
 * the archive's inputs (not its decisions) in memory while it orders them, as {@code ./pagerboy
 * replay} does; the pipeline's state and its decisions live on the cluster.
 */
final class ClusterReplay {

    /** The progress id of a cluster replay: its sources count in the task managers, unread. */
    static final String PROGRESS_ID = "cluster-replay";

    private ClusterReplay() {}

    /**
     * Stages, submits and (unless {@code flink run -d}) waits for the replay; removes the staged
     * inputs when it has finished.
     */
    static void run(
            Path configFile,
            URI archive,
            URI out,
            Integer parallelism,
            Duration maxOutOfOrderness,
            PrintStream err)
            throws Exception {
        PagerBoyConfig config = loadConfig(configFile);
        org.apache.flink.core.fs.Path outDir = new org.apache.flink.core.fs.Path(out);
        if (!ArchiveListing.committedFiles(outDir).isEmpty()) {
            throw new UsageException(
                    "--out "
                            + out
                            + " already holds an archive (expected an empty or new location)");
        }
        long started = System.nanoTime();
        ArchivedInputs inputs = ArchivedInputs.read(new org.apache.flink.core.fs.Path(archive));
        org.apache.flink.core.fs.Path staging =
                new org.apache.flink.core.fs.Path(outDir, ".inputs");
        StagedInputs staged = StagedInputs.write(inputs::of, staging);
        err.printf(
                "replay: staged %,d inputs of %d archive files from %s under %s (%.1f s)%n",
                staged.count(),
                inputs.fileCount(),
                archive,
                staging,
                (System.nanoTime() - started) / 1e9);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(ReplayJob.flinkConfiguration());
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        ReplayJob.define(
                env, PipelineConfig.of(config), staged, maxOutOfOrderness, out, PROGRESS_ID);
        JobExecutionResult result = env.execute("pagerboy replay");
        if (result instanceof DetachedJobExecutionResult) {
            err.println(
                    "replay: submitted; when it has finished, compare with ./pagerboy replay"
                            + " --archive ARCHIVE --config CONFIG --replayed OUT --verify (the staged"
                            + " inputs stay under "
                            + staging
                            + ")");
            return;
        }
        deleteStaging(staging);
        err.printf(
                "replay: finished in %.1f s (the job %.1f s); its archive is %s%n",
                (System.nanoTime() - started) / 1e9, result.getNetRuntime() / 1e3, out);
    }

    private static void deleteStaging(org.apache.flink.core.fs.Path staging) throws IOException {
        staging.getFileSystem().delete(staging, true);
    }

    private static PagerBoyConfig loadConfig(Path file) {
        try {
            return PagerBoyConfig.load(file);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
