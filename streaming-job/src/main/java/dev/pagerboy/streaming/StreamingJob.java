package dev.pagerboy.streaming;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.streaming.config.JobConfig;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
@Command(
        name = "pagerboy-job",
        description =
                "Submit the PagerBoy job to a Flink cluster (flink run ... pagerboy-job.jar).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  flink run -d -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar \\",
            "      --config pagerboy.yaml --checkpoint-dir /var/lib/pagerboy/checkpoints"
        })
public final class StreamingJob implements Callable<Integer> {

    @Mixin JobArguments arguments;

    public static void main(String[] args) {
        int status = Cli.run(new StreamingJob(), args, System.out, System.err);
        // Returning (not exiting) on success lets `flink run` finish its own work after main.
        if (status != ExitStatus.OK.code()) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        JobConfig cfg = JobLauncher.configure(arguments);
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        env.execute("pagerboy");
        return ExitStatus.OK.code();
    }
}
