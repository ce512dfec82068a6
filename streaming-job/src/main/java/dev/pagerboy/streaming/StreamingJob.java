package dev.pagerboy.streaming;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.net.URI;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job on a Flink cluster:
 *
 * <pre>
 * flink run -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --config pagerboy.yaml
 * flink run -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --mode replay \
 *     --config pagerboy.yaml --archive /shared/archive --out /shared/replay-1
 * </pre>
 *
 * The configuration is read and validated on the client, before anything is submitted; handler ROMs
 * travel inside the job as bytes, so task managers never read local files. {@code --mode replay}
 * runs the archive's history through the same pipeline into a new archive ({@link ClusterReplay}).
 */
@Command(
        name = "pagerboy-job",
        description =
                "Submit the PagerBoy job to a Flink cluster (flink run ... pagerboy-job.jar).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  flink run -d -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar \\",
            "      --config pagerboy.yaml --checkpoint-dir /var/lib/pagerboy/checkpoints",
            "  flink run -c dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --mode replay \\",
            "      --config pagerboy.yaml --archive /shared/archive --out /shared/replay-1",
            "  ./pagerboy replay --archive /shared/archive --config pagerboy.yaml \\",
            "      --replayed /shared/replay-1 --verify"
        })
public final class StreamingJob implements Callable<Integer> {

    @Mixin JobArguments arguments;

    @Option(
            names = "--mode",
            paramLabel = "live|replay",
            converter = JobMode.Converter.class,
            description = {
                "live (default): the job on Kafka. replay: the inputs of --archive through the",
                "same pipeline into a new archive at --out (docs/OPERATIONS.md)."
            })
    JobMode mode = JobMode.LIVE;

    @Option(
            names = "--out",
            paramLabel = "DIR|URI",
            description = {
                "--mode replay: where the replay writes its archive, an empty or new location the",
                "client and every task manager can write (shared storage on a real cluster)."
            })
    URI out;

    public static void main(String[] args) {
        int status = Cli.run(new StreamingJob(), args, System.out, System.err);
        // Returning (not exiting) on success lets `flink run` finish its own work after main.
        if (status != ExitStatus.OK.code()) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (mode == JobMode.REPLAY) {
            return replay();
        }
        if (out != null) {
            throw new UsageException("--out is for --mode replay (the live job writes --archive)");
        }
        JobConfig cfg = JobLauncher.configure(arguments);
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        env.execute("pagerboy");
        return ExitStatus.OK.code();
    }

    private int replay() throws Exception {
        if (arguments.archive == null) {
            throw new UsageException("--mode replay needs --archive: the archive to replay");
        }
        if (out == null) {
            throw new UsageException(
                    "--mode replay needs --out: where the replay writes its archive");
        }
        ClusterReplay.run(
                arguments.config,
                arguments.archive,
                out,
                arguments.parallelism,
                arguments.maxOutOfOrderness != null
                        ? arguments.maxOutOfOrderness
                        : JobOptions.DEFAULT_MAX_OUT_OF_ORDERNESS,
                System.err);
        return ExitStatus.OK.code();
    }
}
