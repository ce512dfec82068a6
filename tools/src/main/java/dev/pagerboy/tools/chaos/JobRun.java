package dev.pagerboy.tools.chaos;

import dev.pagerboy.cluster.FlinkCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One submission of the job to the stage's cluster, as an operator does it: {@code flink run -d -c
 * dev.pagerboy.streaming.StreamingJob pagerboy-job.jar --config … --bounded --clock topic …}, with
 * the run's own consumer group, transactional ids, output topics and archive, so that a faulty run
 * and the fault-free run of the same input never see each other's output.
 *
 * <p>The job reads the input topics up to their end at start ({@code --bounded}) and finishes by
 * itself: its final checkpoint commits the last transactions and archive files, so FINISHED means
 * drained.
 *
 * <p>The Kafka transaction timeout is the job's default (10 minutes), as an operator runs it, and
 * so is the checkpoint timeout it implies (finding 18). Until session 12 the runner gave 3 minutes,
 * which under load made R3's checkpoints expire at 71.5 s and exposed finding 19.
 */
final class JobRun {

    static final String MAIN = "dev.pagerboy.streaming.StreamingJob";
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(250);

    /**
     * Names and places of one run.
     *
     * @param name run name (topic suffix, consumer group, transactional-id prefix)
     * @param dir the run's directory (config, archive, checkpoints)
     */
    record Spec(String name, Path dir) {
        String notifications() {
            return "notifications-" + name;
        }

        String deadLetters() {
            return "dead-letters-" + name;
        }

        String incidents() {
            return "incidents-" + name;
        }

        String ackReceipts() {
            return "ack-receipts-" + name;
        }

        Path archive() {
            return dir.resolve("archive");
        }

        Path checkpoints() {
            return dir.resolve("checkpoints");
        }

        String groupId() {
            return "chaos-" + name;
        }
    }

    private final ChaosStage stage;
    private final Spec spec;
    private final JobWatch watch;
    private String jobId;
    private long runningSince;

    private final List<String> extraArgs;

    private JobRun(ChaosStage stage, Spec spec, String jobId, List<String> extraArgs) {
        this.stage = stage;
        this.spec = spec;
        this.jobId = jobId;
        this.extraArgs = List.copyOf(extraArgs);
        this.watch = new JobWatch(stage.rest());
    }

    /** Submits the job (from {@code savepoint} when present); returns once it is RUNNING. */
    static JobRun submit(
            ChaosStage stage,
            ChaosInput input,
            Spec spec,
            Optional<String> savepoint,
            String configTemplate) {
        return submit(stage, input, spec, savepoint, configTemplate, List.of());
    }

    /** The same, with {@code extraArgs} added to the job's arguments (R3: the ledger). */
    static JobRun submit(
            ChaosStage stage,
            ChaosInput input,
            Spec spec,
            Optional<String> savepoint,
            String configTemplate,
            List<String> extraArgs) {
        stage.broker()
                .createTopics(
                        ChaosInput.PARTITIONS,
                        spec.notifications(),
                        spec.deadLetters(),
                        spec.incidents(),
                        spec.ackReceipts());
        Path config = writeConfig(spec, input, configTemplate);
        String jobId = flinkRun(stage, spec, config, savepoint, extraArgs);
        JobRun run = new JobRun(stage, spec, jobId, extraArgs);
        run.awaitState("RUNNING", Duration.ofMinutes(3));
        run.runningSince = System.nanoTime();
        return run;
    }

    /** Submits again from {@code savepoint} under the same names (after a JobManager loss). */
    void resubmit(String savepoint, String configTemplate, ChaosInput input) {
        Path config = writeConfig(spec, input, configTemplate);
        jobId = flinkRun(stage, spec, config, Optional.of(savepoint), extraArgs);
        // A resumed bounded job with little left to read may finish before a poll sees it RUNNING.
        await(
                "job " + jobId + " RUNNING or FINISHED",
                Duration.ofMinutes(3),
                () -> {
                    String s = state();
                    if (s.equals("FAILED") || s.equals("CANCELED")) {
                        throw new IllegalStateException(
                                "job " + jobId + " is " + s + ", expected RUNNING" + why());
                    }
                    return s.equals("RUNNING") || s.equals("FINISHED");
                });
    }

    private static String flinkRun(
            ChaosStage stage,
            Spec spec,
            Path config,
            Optional<String> savepoint,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        savepoint.ifPresent(
                s -> {
                    args.add("-s");
                    args.add(s);
                    // The changelog backend cannot take the full first checkpoint that Flink's
                    // default NO_CLAIM restore demands; the job asks for CLAIM in its own
                    // configuration, and the CLI's restore settings say so too.
                    args.add("--claimMode");
                    args.add("claim");
                });
        args.addAll(
                List.of(
                        "-c",
                        MAIN,
                        jobJar().toString(),
                        "--config",
                        config.toString(),
                        "--bootstrap-servers",
                        stage.broker().bootstrapServers(),
                        "--archive",
                        spec.archive().toUri().toString(),
                        "--archive-compact-every",
                        "1",
                        "--clock",
                        "topic",
                        "--bounded",
                        "--max-out-of-orderness",
                        "1s",
                        "--restart-attempts",
                        "20",
                        "--restart-delay",
                        "1s",
                        "--group-id",
                        spec.groupId(),
                        "--transactional-id-prefix",
                        "chaos-" + spec.name(),
                        "--checkpoint-dir",
                        spec.checkpoints().toUri().toString()));
        args.addAll(extraArgs);
        FlinkCli.Result result = stage.cli().run(CLI_TIMEOUT, args);
        return result.submittedJobId()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "flink run did not submit the job (exit "
                                                + result.exitCode()
                                                + "):\n"
                                                + result.output()));
    }

    /** {@link System#nanoTime} when the run was seen RUNNING after its submission. */
    long runningSince() {
        return runningSince;
    }

    String jobId() {
        return jobId;
    }

    Spec spec() {
        return spec;
    }

    JobWatch watch() {
        return watch;
    }

    String state() {
        return stage.rest().jobState(jobId).orElse("UNKNOWN");
    }

    /** Waits for {@code state}; fails early when the job ends in another terminal state. */
    void awaitState(String expected, Duration timeout) {
        await(
                "job " + jobId + " " + expected,
                timeout,
                () -> {
                    String s = state();
                    if (!s.equals(expected) && isTerminal(s)) {
                        throw new IllegalStateException(
                                "job " + jobId + " is " + s + ", expected " + expected + why());
                    }
                    return s.equals(expected);
                });
    }

    /** Waits until the job ended (FINISHED, FAILED or CANCELED) and returns that state. */
    String awaitTerminal(Duration timeout) {
        await("job " + jobId + " to end", timeout, () -> isTerminal(state()));
        return state();
    }

    /** What a wait for checkpoints of a job learns from one look at the job. */
    enum CheckpointWait {
        /** Still running with fewer checkpoints than asked for. */
        WAITING,
        /** The checkpoints asked for completed. */
        REACHED,
        /**
         * The bounded job FINISHED first: its final checkpoint committed everything, so there is
         * nothing left to wait for and the books decide.
         */
        DRAINED;

        /**
         * The outcome of one look: {@code state} of the job, {@code completed} checkpoints, {@code
         * n} asked for. A job that FAILED or was CANCELED fails the wait.
         */
        static CheckpointWait of(String jobId, String state, long completed, long n) {
            if (completed >= n) {
                return REACHED;
            }
            if (state.equals("FINISHED")) {
                return DRAINED;
            }
            if (isTerminal(state)) {
                throw new IllegalStateException(
                        "job " + jobId + " ended (" + state + ") before " + n + " checkpoints");
            }
            return WAITING;
        }
    }

    /**
     * Waits until {@code n} checkpoints completed, or the job FINISHED (drained) before that; fails
     * when the job FAILED or was CANCELED first.
     */
    CheckpointWait awaitCheckpoints(long n, Duration timeout) {
        CheckpointWait[] last = {CheckpointWait.WAITING};
        await(
                n + " completed checkpoints of " + jobId,
                timeout,
                () -> {
                    String s = state();
                    last[0] = CheckpointWait.of(jobId, s, completedCheckpoints(), n);
                    return last[0] != CheckpointWait.WAITING;
                });
        if (last[0] == CheckpointWait.WAITING) {
            throw new IllegalStateException("lost the outcome of the wait for " + jobId);
        }
        return last[0];
    }

    long completedCheckpoints() {
        return watch.checkpoints(jobId).map(JobWatch.Checkpoints::completed).orElse(0L);
    }

    /** Exception history entries: each is one failure the job restarted from (or died of). */
    int failovers() {
        return watch.failovers(jobId).orElse(-1);
    }

    String why() {
        return watch.failureSummary(jobId).map(s -> "\n" + s).orElse("");
    }

    static boolean isTerminal(String state) {
        return state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out after " + timeout + " waiting for " + what);
            }
            pause(POLL);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The shaded job jar ({@code pagerboy.job.jar}, else streaming-job/target under the root). */
    static Path jobJar() {
        String explicit = System.getProperty("pagerboy.job.jar");
        Path jar =
                explicit != null
                        ? Path.of(explicit)
                        : root().resolve("streaming-job/target/pagerboy-job.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no job jar at "
                            + jar
                            + " (build it with: mvn -B -pl streaming-job -am -DskipTests clean"
                            + " package)");
        }
        return jar;
    }

    static Path root() {
        return Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
    }

    /**
     * The shipped job configuration with this run's output topics (notifications, dead letters,
     * incidents, ack receipts: no run sees another's) and the input's topics.
     */
    static String configFor(Spec spec, ChaosInput input, String template) {
        return template.replaceFirst("(?m)^([ \\t]+alerts:).*$", "$1 " + input.alertsTopic())
                .replaceFirst("(?m)^([ \\t]+ticks:).*$", "$1 " + input.ticksTopic())
                .replaceFirst(
                        "(?m)^([ \\t]+)notifications:.*$",
                        "$1notifications: "
                                + spec.notifications()
                                + "\n$1incidents: "
                                + spec.incidents()
                                + "\n$1ack_receipts: "
                                + spec.ackReceipts())
                .replaceFirst("(?m)^([ \\t]+dead_letters:).*$", "$1 " + spec.deadLetters());
    }

    private static Path writeConfig(Spec spec, ChaosInput input, String template) {
        String yaml = configFor(spec, input, template);
        try {
            Files.createDirectories(spec.dir());
            Path file = spec.dir().resolve("pagerboy.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
