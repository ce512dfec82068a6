package dev.pagerboy.cluster;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cluster.ClusterRest.Job;
import dev.pagerboy.cluster.ClusterRest.Overview;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy cluster start|stop|status} and {@code ./pagerboy flink ...}: a Flink standalone
 * cluster on this machine for trying the cluster path by hand, and Flink's own CLI pointed at it.
 *
 * <p>{@code start} leaves the JobManager and TaskManager running in the background (pids, logs and
 * {@code conf/} in the cluster directory, default {@code cluster/target/flink-cluster}, or {@code
 * $PAGERBOY_CLUSTER_DIR}); {@code stop} ends them.
 */
@Command(
        name = "cluster",
        description = "A Flink 2.2 standalone cluster on 127.0.0.1, and Flink's CLI pointed at it.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy cluster start",
            "  ./pagerboy flink run -d -c dev.pagerboy.streaming.StreamingJob \\",
            "      streaming-job/target/pagerboy-job.jar --config pagerboy.yaml",
            "  ./pagerboy flink list;  ./pagerboy flink cancel <job id>",
            "  ./pagerboy cluster status;  ./pagerboy cluster stop",
            "",
            "The cluster lives in cluster/target/flink-cluster (or $"
                    + ClusterMain.DIR_VARIABLE
                    + "):",
            "conf/ (FLINK_CONF_DIR), log/, tmp/, checkpoints/."
        })
public final class ClusterMain implements Callable<Integer> {

    static final String DIR_VARIABLE = "PAGERBOY_CLUSTER_DIR";

    @Spec CommandSpec spec;

    private ClusterMain() {}

    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command on {@code System.out} and {@code System.err}; returns its exit status. */
    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /**
     * Runs one command; parse errors and help go to {@code out} and {@code err}, the cluster's own
     * progress to {@code System.out}.
     */
    public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        if (args.length > 0 && args[0].equals("flink")) {
            // ./pagerboy flink ...: the flink command on its own, named as the user typed it.
            return Cli.run(flinkCommandLine(), Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        return Cli.run(commandLine(), args, out, err);
    }

    /** {@code ./pagerboy flink}: Flink's CLI against the cluster, every argument passed on. */
    public static CommandLine flinkCommandLine() {
        CommandLine cli = new CommandLine(new Flink());
        cli.setCommandName("pagerboy flink");
        cli.setStopAtPositional(true);
        cli.setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    /** The {@code cluster} command tree ({@code flink} is its own: {@link #flinkCommandLine()}). */
    public static CommandLine commandLine() {
        return new CommandLine(new ClusterMain());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    @Command(
            name = "start",
            description = {
                "Start a Flink 2.2 standalone cluster in the background.",
                "One JobManager and one TaskManager with "
                        + StandaloneCluster.SLOTS
                        + " slots, on 127.0.0.1."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy cluster start",
                "  ./pagerboy cluster start --taskmanager-memory 3g"
            })
    int start(
            @Option(
                            names = "--taskmanager-memory",
                            paramLabel = "SIZE",
                            defaultValue = ClusterConfiguration.TASK_MANAGER_MEMORY,
                            description =
                                    "The TaskManager's process size, a Flink memory size (default:"
                                            + " ${DEFAULT-VALUE}). The job keeps its state on the"
                                            + " heap: more alerts open at once need more.")
                    String taskManagerMemory) {
        return start(directory(), taskManagerMemory);
    }

    @Command(
            name = "status",
            description = "Show its processes, REST address, TaskManagers, slots and jobs.",
            footerHeading = "%nExamples:%n",
            footer = {"  ./pagerboy cluster status"})
    int status() {
        return status(directory());
    }

    @Command(
            name = "stop",
            description = "Stop it (SIGTERM, then SIGKILL after 20 s).",
            footerHeading = "%nExamples:%n",
            footer = {"  ./pagerboy cluster stop"})
    int stop() {
        return stop(directory());
    }

    /** {@code ./pagerboy flink ...}: Flink's CLI against the cluster, every argument passed on. */
    @Command(
            name = "flink",
            description = "Flink's CLI (bin/flink) against the running cluster.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy flink run -d -c dev.pagerboy.streaming.StreamingJob \\",
                "      streaming-job/target/pagerboy-job.jar --config pagerboy.yaml",
                "  ./pagerboy flink list"
            })
    static final class Flink implements Callable<Integer> {

        @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Flink CLI arguments.")
        List<String> args = List.of();

        @Override
        public Integer call() throws InterruptedException {
            return flink(directory(), args);
        }
    }

    private static int start(ClusterDirectory dir, String taskManagerMemory) {
        try {
            ClusterConfiguration.checkTaskManagerMemory(taskManagerMemory);
        } catch (IllegalArgumentException e) {
            System.err.println("pagerboy cluster: " + e.getMessage());
            return ExitStatus.USAGE.code();
        }
        if (running(dir)) {
            System.err.println(
                    "pagerboy cluster: already running in "
                            + dir.root()
                            + " (see: cluster status)");
            return 1;
        }
        FlinkHome home;
        try {
            home = FlinkHome.locate();
        } catch (IllegalStateException e) {
            System.err.println("pagerboy cluster: " + e.getMessage());
            return 1;
        }
        System.out.println("Starting a Flink standalone cluster in " + dir.root() + " ...");
        StandaloneCluster cluster;
        try {
            cluster = StandaloneCluster.start(home, dir, false, taskManagerMemory);
        } catch (RuntimeException e) {
            System.err.println("pagerboy cluster: the cluster did not start: " + e.getMessage());
            return 1;
        }
        cluster.detach();
        System.out.println("jobmanager.pid=" + cluster.jobManager().pid());
        System.out.println("taskmanager.pid=" + cluster.taskManager().pid());
        System.out.println("rest.address=" + cluster.restAddress());
        System.out.println("FLINK_CONF_DIR=" + dir.conf());
        System.out.println("logs=" + dir.log());
        System.out.println(
                "Submit the job with: ./pagerboy flink run -d -c"
                        + " dev.pagerboy.streaming.StreamingJob"
                        + " streaming-job/target/pagerboy-job.jar --config <pagerboy.yaml> ...");
        System.out.println("Stop with: ./pagerboy cluster stop");
        return 0;
    }

    private static int stop(ClusterDirectory dir) {
        if (StandaloneCluster.stopRecorded(dir)) {
            System.out.println("Stopped the Flink cluster in " + dir.root());
        } else {
            System.out.println("No Flink cluster was running in " + dir.root());
        }
        return 0;
    }

    private static int status(ClusterDirectory dir) {
        Optional<ProcessHandle> jm = StandaloneCluster.recorded(dir, FlinkProcesses.JOB_MANAGER);
        Optional<ProcessHandle> tm = StandaloneCluster.recorded(dir, FlinkProcesses.TASK_MANAGER);
        if (jm.isEmpty() && tm.isEmpty()) {
            System.out.println("No Flink cluster is running in " + dir.root());
            return 1;
        }
        System.out.println("jobmanager.pid=" + jm.map(p -> Long.toString(p.pid())).orElse("-"));
        System.out.println("taskmanager.pid=" + tm.map(p -> Long.toString(p.pid())).orElse("-"));
        Optional<ClusterRest> rest = RecordedConfiguration.rest(dir);
        if (rest.isEmpty()) {
            System.out.println("rest.address=(unknown: no conf/config.yaml)");
            return 1;
        }
        System.out.println("rest.address=" + rest.get().base());
        Optional<Overview> overview = rest.get().overview();
        if (overview.isEmpty()) {
            System.out.println("rest=not answering");
            return 1;
        }
        Overview o = overview.get();
        System.out.println("flink.version=" + o.version());
        System.out.println("taskmanagers=" + o.taskManagers());
        System.out.println("slots=" + o.slotsAvailable() + " free of " + o.slotsTotal());
        for (Job job : rest.get().jobs()) {
            System.out.println("job=" + job.id() + " " + job.state() + " " + job.name());
        }
        return jm.isPresent() && tm.isPresent() ? 0 : 1;
    }

    private static int flink(ClusterDirectory dir, List<String> args) throws InterruptedException {
        if (!running(dir)) {
            System.err.println(
                    "pagerboy flink: no Flink cluster is running in "
                            + dir.root()
                            + " (start one with: ./pagerboy cluster start)");
            return 1;
        }
        FlinkHome home;
        try {
            home = FlinkHome.locate();
        } catch (IllegalStateException e) {
            System.err.println("pagerboy flink: " + e.getMessage());
            return 1;
        }
        return new FlinkCli(home, dir).runInteractively(args);
    }

    private static boolean running(ClusterDirectory dir) {
        return StandaloneCluster.recorded(dir, FlinkProcesses.JOB_MANAGER).isPresent()
                || StandaloneCluster.recorded(dir, FlinkProcesses.TASK_MANAGER).isPresent();
    }

    private static ClusterDirectory directory() {
        String explicit = System.getenv(DIR_VARIABLE);
        Path dir =
                explicit != null && !explicit.isBlank()
                        ? Path.of(explicit)
                        : Path.of(System.getProperty("pagerboy.root", "."))
                                .resolve("cluster/target/flink-cluster");
        return new ClusterDirectory(dir);
    }
}
