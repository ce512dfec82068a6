package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job on a Flink cluster:
 *
 * <pre>
 * flink run -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --config pagerboy.yaml
 * </pre>
 *
 * The configuration is read and validated on the client, before anything is submitted; handler ROMs
 * travel inside the job as bytes, so task managers never read local files.
 */
public final class StreamingJob {

    private StreamingJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg = JobLauncher.configure("pagerboy-job", args, System.out, System.err);
        if (cfg == null) {
            System.exit(JobArguments.wantsHelp(args) ? 0 : JobLauncher.USAGE_ERROR);
            return;
        }
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        env.execute("pagerboy");
    }
}
