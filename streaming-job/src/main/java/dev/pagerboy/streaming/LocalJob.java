package dev.pagerboy.streaming;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.streaming.config.JobConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The job on a local Flink MiniCluster inside this JVM: {@code ./pagerboy job --config
 * pagerboy.yaml}. Same wiring as {@link StreamingJob}; it runs until the inputs end ({@code
 * --bounded}) or the process is stopped (Ctrl-C), and uses two slots unless {@code --parallelism}
 * says otherwise. Checkpoints go to files under {@value #DEFAULT_CHECKPOINT_DIR} unless {@code
 * --checkpoint-dir} says otherwise: without a directory Flink keeps them in memory, at most 5 MB
 * per task state, and a job whose state grows past that fails at its next checkpoint. Before the
 * job starts it checks that Kafka answers, so a broker that is down is one line, not minutes of
 * retries.
 */
@Command(
        name = "job",
        description = "Run the streaming job on a local Flink MiniCluster.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy job --config streaming-job/config/pagerboy.yaml --bootstrap-servers 127.0.0.1:9092",
            "  ./pagerboy job --config streaming-job/config/pagerboy.yaml --archive ./archive \\",
            "      --checkpoint-dir /tmp/pagerboy-cp --restart-delay 1h30m",
            "",
            "Durations: 500ms, 2s, 5m, 1h30m (as in pagerboy.yaml) or ISO-8601 (PT1S)."
        })
public final class LocalJob implements Callable<Integer> {

    static final int DEFAULT_PARALLELISM = 2;
    static final String DEFAULT_CHECKPOINT_DIR = "pagerboy-checkpoints";

    /** How long the brokers get to answer before the job is not started. */
    static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(7);

    @Mixin JobArguments arguments;

    private final PrintStream err;

    public LocalJob(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        Cli.main(new LocalJob(System.err), args);
    }

    /** Runs the job with the given streams; returns the exit status. For tests and the launcher. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new LocalJob(err), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        JobConfig cfg =
                withCheckpointDir(
                        JobLauncher.configure(arguments), Path.of(DEFAULT_CHECKPOINT_DIR));
        KafkaReachability.require(cfg.bootstrapServers(), KAFKA_CHECK_TIMEOUT);
        int parallelism =
                cfg.options().parallelism() > 0 ? cfg.options().parallelism() : DEFAULT_PARALLELISM;
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        parallelism, LiveJob.flinkConfiguration(cfg));
        LiveJob.define(env, cfg);
        err.printf(
                "pagerboy job: parallelism %d, checkpoints every %s to %s, kafka %s, archive %s%n",
                parallelism,
                cfg.checkpointInterval(),
                cfg.options().checkpointDir(),
                cfg.bootstrapServers(),
                cfg.archive().basePath());
        env.execute("pagerboy (local)");
        return ExitStatus.OK.code();
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
