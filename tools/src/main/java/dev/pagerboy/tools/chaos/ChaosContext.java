package dev.pagerboy.tools.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * What scenarios share within one runner invocation: the stage, the generated input (loaded once),
 * the fault-free run over it (run once, the reference every faulty run's books balance against),
 * the options, and a seeded random source for fault timing.
 */
final class ChaosContext {

    /**
     * Options of one invocation.
     *
     * @param hostile R4's hostile records on alerts (and as many on acks); 0 for one per {@value
     *     HostileInput#EVERY} alerts
     */
    record Options(long alerts, long seed, int kills, Duration outage, long hostile) {
        Options(long alerts, long seed, int kills, Duration outage) {
            this(alerts, seed, kills, outage, 0);
        }

        /**
         * R4's hostile records: {@link #hostile}, or one per {@value HostileInput#EVERY} alerts.
         */
        int hostileRecords() {
            long n = hostile > 0 ? hostile : alerts / HostileInput.EVERY;
            return (int) Math.max(HostileRecords.values().length, n);
        }
    }

    /** The fault-free run's outputs and how long it ran (RUNNING to FINISHED). */
    record Baseline(RunOutputs outputs, Duration elapsed) {}

    private final ChaosStage stage;
    private final Path work;
    private final Options options;
    private final PrintStream out;
    private final Random random;
    private final String configTemplate;
    private ChaosInput input;
    private Baseline baseline;

    ChaosContext(ChaosStage stage, Path work, Options options, PrintStream out) {
        this.stage = stage;
        this.work = work;
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
        try {
            this.configTemplate =
                    Files.readString(JobRun.root().resolve("streaming-job/config/pagerboy.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped job configuration", e);
        }
    }

    ChaosStage stage() {
        return stage;
    }

    Path work() {
        return work;
    }

    Options options() {
        return options;
    }

    PrintStream out() {
        return out;
    }

    Random random() {
        return random;
    }

    String configTemplate() {
        return configTemplate;
    }

    /** The generated input, written on first use. */
    ChaosInput input() {
        if (input == null) {
            stage.broker()
                    .createTopics(
                            ChaosInput.PARTITIONS,
                            "alerts",
                            "silences",
                            "acks",
                            "incidents",
                            "receipts",
                            "ack-receipts");
            stage.broker().createTopics(1, "ticks");
            out.printf(
                    "chaos: writing %,d generated alerts (seed %d) and their clock%n",
                    options.alerts(), options.seed());
            input =
                    ChaosInput.load(
                            stage.broker().bootstrapServers(),
                            "alerts",
                            "ticks",
                            options.seed(),
                            options.alerts());
        }
        return input;
    }

    /** The fault-free run over {@link #input}, run on first use. */
    Baseline baseline() throws Exception {
        if (baseline == null) {
            out.println("chaos: fault-free run (the reference)");
            JobRun run = submit("baseline");
            long t0 = System.nanoTime();
            String state = run.awaitTerminal(timeout());
            if (!state.equals("FINISHED")) {
                throw new IllegalStateException("the fault-free run ended " + state + run.why());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            baseline =
                    new Baseline(
                            RunOutputs.read(
                                    stage.broker().bootstrapServers(),
                                    run.spec(),
                                    input().alertsTopic()),
                            elapsed);
            out.printf(
                    "chaos: fault-free run: %,d notifications, %,d dead letters in %d s%n",
                    baseline.outputs().notificationCount(),
                    baseline.outputs().deadLetters(),
                    elapsed.toSeconds());
        }
        return baseline;
    }

    /** Submits a run of the job over {@link #input} named {@code name}. */
    JobRun submit(String name) {
        return JobRun.submit(
                stage,
                input(),
                new JobRun.Spec(name, work.resolve("runs").resolve(name)),
                Optional.empty(),
                configTemplate);
    }

    /** How long a run may take: generous, the machine is shared. */
    Duration timeout() {
        return Duration.ofMinutes(10).plusSeconds(options.alerts() / 100);
    }
}
