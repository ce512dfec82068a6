package dev.pagerboy.tools.chaos;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cluster.ClusterConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pagerboy chaos SCENARIO|all}: runs fault-injection scenarios on the real topology (a
 * Kafka broker in its own JVM, a standalone Flink cluster, the shaded job submitted with {@code
 * flink run}) and balances each one's books against a fault-free run of the same seeded input. Exit
 * status 0 only if every scenario passed.
 */
@Command(
        name = "chaos",
        description = {
            "Fault-injection scenarios on the real multi-process topology; each balances its books"
                    + " (every input archived once, notifications equal to a fault-free run's).",
            "Every scenario also runs two dispatcher replicas and balances their deliveries and"
                    + " receipts.",
            "Scenarios: R1 TaskManager kill -9, R2 broker kill -9 and restart, R3 the chain answers"
                    + " errors, then Anvil stopped, with acks flowing, R4 hostile input on alerts and"
                    + " acks, R5 hostile handler ROMs, R6 JobManager kill -9 and resume with flink"
                    + " run -s, R7 archive unwritable."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy chaos R1 --alerts 20000 --kills 1",
            "  PAGERBOY_JAVA_OPTS=-Xmx8g ./pagerboy chaos R1 --alerts 1000000 --kills 3"
                    + " --taskmanager-memory 3g",
            "  ./pagerboy chaos R4 --alerts 100000 --hostile 100000"
        })
public final class ChaosCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "SCENARIO|all",
            description = "R1, R2, R3, R4, R5, R6, R7, several joined by commas (R3,R4), or all")
    String scenario;

    @Option(names = "--alerts", description = "generated alerts per run (default ${DEFAULT-VALUE})")
    long alerts = 100_000;

    @Option(
            names = "--seed",
            description = "generator and fault-timing seed (default ${DEFAULT-VALUE})")
    long seed = 20;

    @Option(names = "--kills", description = "R1: TaskManager kills (default ${DEFAULT-VALUE})")
    int kills = 3;

    @Option(
            names = "--outage",
            description =
                    "R2/R3/R7: how long the broker is down, the chain answers errors and then"
                            + " is down, or the archive unwritable, seconds"
                            + " (default ${DEFAULT-VALUE})")
    int outageSeconds = 30;

    @Option(
            names = "--hostile",
            description =
                    "R4: hostile records on alerts, and as many on acks (default: one per 10"
                            + " alerts)")
    long hostile;

    @Option(
            names = "--taskmanager-memory",
            paramLabel = "SIZE",
            description =
                    "the TaskManager's process size, a Flink memory size (default"
                            + " ${DEFAULT-VALUE}); the job's state is on its heap, so more alerts"
                            + " open at once need more: R1 at 1 M alerts needs about 3g")
    String taskManagerMemory = ClusterConfiguration.TASK_MANAGER_MEMORY;

    @Option(names = "--work", description = "working directory (default: a new temporary one)")
    Path work;

    private final PrintStream out;

    public ChaosCommand() {
        this(System.out);
    }

    public ChaosCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(new ChaosCommand(), args);
    }

    /** Parses {@code args} and runs; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new ChaosCommand(out), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> selected = select(scenario);
        Path dir = work != null ? work : Files.createTempDirectory("pagerboy-chaos-");
        Files.createDirectories(dir);
        out.println("chaos: working in " + dir);
        ChaosContext.Options options =
                new ChaosContext.Options(
                        alerts, seed, kills, Duration.ofSeconds(outageSeconds), hostile);
        List<ScenarioReport> reports = new ArrayList<>();
        try (ChaosStage stage = ChaosStage.start(dir, taskManagerMemory)) {
            out.println(
                    "chaos: broker "
                            + stage.broker().bootstrapServers()
                            + " (pid "
                            + stage.broker().process().pid()
                            + "), Flink REST "
                            + stage.rest().base());
            ChaosContext ctx = new ChaosContext(stage, dir, options, out);
            for (Scenario s : selected) {
                ScenarioReport report = runOne(ctx, s);
                report.print(out);
                reports.add(report);
            }
        }
        long passed = reports.stream().filter(ScenarioReport::passed).count();
        if (selected.size() > 1) {
            out.println("scenarios=" + reports.size() + " passed=" + passed);
        }
        if (work == null && passed == reports.size()) {
            deleteQuietly(dir);
        }
        return passed == reports.size() ? 0 : 1;
    }

    /** Runs one scenario; an exception fails it with the reason instead of ending the run. */
    static ScenarioReport runOne(ChaosContext ctx, Scenario s) {
        try {
            ctx.stage().ensureRunning(ctx.out());
            ScenarioReport report =
                    switch (s) {
                        case R1 -> TaskManagerKill.run(ctx);
                        case R2 -> BrokerRestart.run(ctx);
                        case R3 -> ChainOutage.run(ctx);
                        case R4 -> HostileInput.run(ctx);
                        case R5 -> HostileHandlers.run(ctx);
                        case R6 -> JobManagerResume.run(ctx);
                        case R7 -> ArchiveOutage.run(ctx);
                    };
            checkJobClassesFreed(ctx, report);
            return report;
        } catch (Exception | AssertionError e) {
            ScenarioReport failed = new ScenarioReport(s);
            failed.fail("scenario ran", firstLine(e));
            ctx.out().println("chaos: " + s + " failed: " + e);
            return failed;
        }
    }

    /**
     * Every job of the scenario has ended: the TaskManager must have let go of their classes, but
     * for the few the JVM keeps ({@link JobClassLoaders}), or it dies of a full metaspace some jobs
     * later (finding 17). Shared library threads may keep a job's classes for up to a minute after
     * its end, so this waits that long before it fails.
     */
    private static void checkJobClassesFreed(ChaosContext ctx, ScenarioReport report) {
        String what = "TaskManager freed the ended jobs' classes";
        ProcessHandle taskManager = ctx.stage().taskManager().current();
        JobClassLoaders held;
        try {
            held = JobClassLoaders.awaitReleased(taskManager, JobClassLoaders.LIBRARY_THREADS_IDLE);
        } catch (RuntimeException e) {
            // a TaskManager that died (of a full metaspace, say) fails the check, not the report
            report.fail(what, "cannot read TaskManager " + taskManager.pid() + ": " + firstLine(e));
            return;
        }
        report.check(
                what,
                held.loaders()
                        + " ended jobs' class loaders left (at most "
                        + JobClassLoaders.RETAINED_AT_MOST
                        + "), metaspace "
                        + held.metaspaceMegabytes()
                        + " MB",
                held.bounded());
        report.summary("job_classloaders_left", held.loaders());
        if (!held.bounded()) {
            Path dump = ctx.work().resolve(report.scenario().name() + "-taskmanager.hprof");
            String written;
            try {
                JobClassLoaders.heapDump(taskManager, dump);
                written = dump.toString();
            } catch (RuntimeException e) {
                written = "not written: " + firstLine(e);
            }
            report.figure("TaskManager heap dump (what holds them)", written);
        }
    }

    private static String firstLine(Throwable e) {
        return e.toString().lines().findFirst().orElse(e.toString());
    }

    private static List<Scenario> select(String name) {
        if (name.equalsIgnoreCase("all")) {
            return Arrays.asList(Scenario.values());
        }
        try {
            List<Scenario> selected = new ArrayList<>();
            for (String one : name.split(",")) {
                selected.add(Scenario.valueOf(one.strip().toUpperCase(Locale.ROOT)));
            }
            return selected;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    new CommandLine(new ChaosCommand()),
                    "unknown scenario '"
                            + name
                            + "' (expected one of "
                            + Arrays.toString(Scenario.values())
                            + " or all)");
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
