package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job on a local Flink MiniCluster inside this JVM: {@code ./pagerboy job --config
 * pagerboy.yaml}. Same wiring as {@link StreamingJob}; it runs until the inputs end ({@code
 * --bounded}) or the process is stopped (Ctrl-C), and uses two slots unless {@code --parallelism}
 * says otherwise.
 */
public final class LocalJob {

    static final int DEFAULT_PARALLELISM = 2;

    private LocalJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg = JobLauncher.configure("pagerboy job", args, System.out, System.err);
        if (cfg == null) {
            System.exit(JobArguments.wantsHelp(args) ? 0 : JobLauncher.USAGE_ERROR);
            return;
        }
        int parallelism =
                cfg.options().parallelism() > 0 ? cfg.options().parallelism() : DEFAULT_PARALLELISM;
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        parallelism, LiveJob.flinkConfiguration(cfg));
        LiveJob.define(env, cfg);
        System.err.printf(
                "pagerboy job: parallelism %d, checkpoints every %s, kafka %s, archive %s%n",
                parallelism,
                cfg.checkpointInterval(),
                cfg.bootstrapServers(),
                cfg.archive().basePath());
        env.execute("pagerboy (local)");
    }
}
