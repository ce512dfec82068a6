package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.JobConfig;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job on a local Flink MiniCluster inside this JVM: {@code ./pagerboy job --config
 * pagerboy.yaml}. Same wiring as {@link StreamingJob}; it runs until the inputs end ({@code
 * --bounded}) or the process is stopped (Ctrl-C), and uses two slots unless {@code --parallelism}
 * says otherwise. Checkpoints go to files under {@value #DEFAULT_CHECKPOINT_DIR} unless {@code
 * --checkpoint-dir} says otherwise: without a directory Flink keeps them in memory, at most 5 MB
 * per task state, and a job whose state grows past that fails at its next checkpoint.
 */
public final class LocalJob {

    static final int DEFAULT_PARALLELISM = 2;
    static final String DEFAULT_CHECKPOINT_DIR = "pagerboy-checkpoints";

    private LocalJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg = JobLauncher.configure("pagerboy job", args, System.out, System.err);
        if (cfg == null) {
            System.exit(JobArguments.wantsHelp(args) ? 0 : JobLauncher.USAGE_ERROR);
            return;
        }
        cfg = withCheckpointDir(cfg, Path.of(DEFAULT_CHECKPOINT_DIR));
        int parallelism =
                cfg.options().parallelism() > 0 ? cfg.options().parallelism() : DEFAULT_PARALLELISM;
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        parallelism, LiveJob.flinkConfiguration(cfg));
        LiveJob.define(env, cfg);
        System.err.printf(
                "pagerboy job: parallelism %d, checkpoints every %s to %s, kafka %s, archive %s%n",
                parallelism,
                cfg.checkpointInterval(),
                cfg.options().checkpointDir(),
                cfg.bootstrapServers(),
                cfg.archive().basePath());
        env.execute("pagerboy (local)");
    }

    /** {@code cfg} with checkpoints stored under {@code dir}, unless it already names a place. */
    static JobConfig withCheckpointDir(JobConfig cfg, Path dir) {
        if (cfg.options().checkpointDir() != null) {
            return cfg;
        }
        return new JobConfig(
                cfg.pagerboy(),
                cfg.options().toBuilder()
                        .checkpointDir(dir.toAbsolutePath().toUri().toString())
                        .build());
    }
}
