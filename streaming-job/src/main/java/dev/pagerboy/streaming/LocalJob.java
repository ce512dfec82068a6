package dev.pagerboy.streaming;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.streaming.archive.OrphanedPartFiles;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.status.JobProgress;
import dev.pagerboy.streaming.status.MetricsBoard;
import dev.pagerboy.streaming.status.ResumePoint;
import dev.pagerboy.streaming.status.RunningJob;
import dev.pagerboy.streaming.status.StatusLine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
            "  ./pagerboy job --config streaming-job/config/pagerboy.yaml --fresh",
            "  ./pagerboy job savepoint|stop --savepoint DIR   (a running local job)",
            "",
            "Durations: 500ms, 2s, 5m, 1h30m (as in pagerboy.yaml) or ISO-8601 (PT1S)."
        })
public final class LocalJob implements Callable<Integer> {

    static final int DEFAULT_PARALLELISM = 2;
    public static final String DEFAULT_CHECKPOINT_DIR = "pagerboy-checkpoints";
    static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    /** How long event time may stand still while input waits before the job warns. */
    static final Duration DEFAULT_STALL_WARNING = Duration.ofSeconds(60);

    /** How long the brokers get to answer before the job is not started. */
    static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(7);

    @Mixin JobArguments arguments;

    @Option(
            names = "--fresh",
            description = "Start with empty state even if --checkpoint-dir holds a checkpoint.")
    boolean fresh;

    @Option(
            names = "--from-savepoint",
            paramLabel = "DIR|URI",
            description = "Start from this savepoint (or retained checkpoint).")
    URI fromSavepoint;

    @Option(
            names = "--stall-warning",
            paramLabel = "DURATION",
            converter = JobDurationConverter.class,
            description =
                    "Warn when event time stands still this long while input waits to be read"
                            + " (default: 60s).")
    Duration stallWarning = DEFAULT_STALL_WARNING;

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
        if (fresh && fromSavepoint != null) {
            throw new dev.pagerboy.cli.UsageException(
                    "--fresh and --from-savepoint exclude each other");
        }
        JobConfig cfg =
                withCheckpointDir(
                        JobLauncher.configure(arguments), Path.of(DEFAULT_CHECKPOINT_DIR));
        KafkaReachability.require(cfg.bootstrapServers(), KAFKA_CHECK_TIMEOUT);
        int status =
                run(
                        cfg,
                        fresh,
                        fromSavepoint == null ? null : fromSavepoint.toString(),
                        stallWarning,
                        err);
        return status == 0 ? ExitStatus.OK.code() : status;
    }

    /**
     * Runs the job until its inputs end (bounded) or the process stops, printing where it resumes
     * from, a status line while it runs and a summary at the end; returns the exit status.
     *
     * @param fresh start with empty state even if the checkpoint directory has a checkpoint
     * @param fromSavepoint a savepoint (or retained checkpoint) to start from, or {@code null}
     */
    public static int run(JobConfig cfg, boolean fresh, String fromSavepoint, PrintStream err)
            throws Exception {
        return run(cfg, fresh, fromSavepoint, DEFAULT_STALL_WARNING, err);
    }

    /**
     * {@link #run(JobConfig, boolean, String, PrintStream)}, warning when event time stands still
     * for {@code stallWarning} while input waits.
     */
    public static int run(
            JobConfig cfg,
            boolean fresh,
            String fromSavepoint,
            Duration stallWarning,
            PrintStream err)
            throws Exception {
        int parallelism =
                cfg.options().parallelism() > 0 ? cfg.options().parallelism() : DEFAULT_PARALLELISM;
        Optional<String> restore = restorePoint(cfg, fresh, fromSavepoint);
        Configuration conf = configuration(cfg, restore);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        LiveJob.define(env, cfg);
        err.printf(
                "pagerboy job: parallelism %d, checkpoints every %s to %s, kafka %s, archive %s%n",
                parallelism,
                cfg.checkpointInterval(),
                cfg.options().checkpointDir(),
                cfg.bootstrapServers(),
                cfg.archive().basePath());
        err.println(
                restore.map(p -> "pagerboy job: resuming from " + p + " (--fresh starts anew)")
                        .orElse("pagerboy job: starting with empty state"));
        restore.ifPresent(p -> cleanOrphanedArchiveFiles(cfg, p, err));
        long started = System.nanoTime();
        JobClient job = env.executeAsync("pagerboy (local)");
        awaitRunning(job);
        Optional<Path> address = writeAddress(cfg, conf, job);
        try (StatusLine status =
                StatusLine.start(err, System.console() != null, STATUS_EVERY, stallWarning)) {
            job.getJobExecutionResult().get();
        } finally {
            if (address.isPresent()) {
                Files.deleteIfExists(address.get());
            }
        }
        err.printf(
                "pagerboy job: finished after %d s: %s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                JobProgress.of(MetricsBoard.snapshot()).line(java.time.Instant.now()));
        return 0;
    }

    /** Deletes the archive files the last run left half-written after its last checkpoint. */
    private static void cleanOrphanedArchiveFiles(JobConfig cfg, String restore, PrintStream err) {
        Path checkpoint =
                restore.startsWith("file:") ? Path.of(URI.create(restore)) : Path.of(restore);
        List<Path> deleted = OrphanedPartFiles.remove(cfg.archive().basePath(), checkpoint);
        if (!deleted.isEmpty()) {
            err.printf(
                    "pagerboy job: removed %d in-progress archive file(s) written after that"
                            + " checkpoint; their input is read again%n",
                    deleted.size());
        }
    }

    /**
     * Where the job starts from: {@code fromSavepoint} if given; else, unless {@code fresh}, the
     * newest completed checkpoint in the checkpoint directory, so a stopped job picks up its dedup,
     * group and handler state and its Kafka offsets where it left off.
     */
    static Optional<String> restorePoint(JobConfig cfg, boolean fresh, String fromSavepoint) {
        if (fromSavepoint != null) {
            return Optional.of(fromSavepoint);
        }
        if (fresh) {
            return Optional.empty();
        }
        return ResumePoint.latest(cfg.options().checkpointDir()).map(Path::toString);
    }

    /**
     * The local cluster's settings: the job's own, the status board, the restore point, and a REST
     * endpoint on a free loopback port, so {@code ./pagerboy job savepoint|stop} can reach the job.
     */
    static Configuration configuration(JobConfig cfg, Optional<String> restore) throws IOException {
        Configuration conf = MetricsBoard.install(LiveJob.flinkConfiguration(cfg));
        restore.ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p));
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(freePort()));
        return conf;
    }

    /** Records where the job can be reached, next to its checkpoints (local directories only). */
    private static Optional<Path> writeAddress(JobConfig cfg, Configuration conf, JobClient job)
            throws IOException {
        Optional<Path> local = ResumePoint.localDirectory(cfg.options().checkpointDir());
        if (local.isEmpty()) {
            return Optional.empty();
        }
        URI rest = URI.create("http://127.0.0.1:" + conf.get(RestOptions.BIND_PORT) + "/");
        return Optional.of(new RunningJob(rest, job.getJobID().toHexString()).write(local.get()));
    }

    /** Waits until the job runs (or has already ended), so a savepoint request can reach it. */
    private static void awaitRunning(JobClient job) throws Exception {
        while (!job.getJobStatus().get().equals(JobStatus.RUNNING)
                && !job.getJobStatus().get().isTerminalState()) {
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
