package dev.pagerboy.cluster;

import dev.pagerboy.cluster.ClusterRest.Job;
import dev.pagerboy.cluster.ClusterRest.Overview;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./pagerboy cluster start|stop|status} and {@code ./pagerboy flink ...}: a Flink standalone
 * cluster on this machine for trying the cluster path by hand, and Flink's own CLI pointed at it.
 *
 * <p>{@code start} leaves the JobManager and TaskManager running in the background (pids, logs and
 * {@code conf/} in the cluster directory, default {@code cluster/target/flink-cluster}, or {@code
 * $PAGERBOY_CLUSTER_DIR}); {@code stop} ends them.
 */
public final class ClusterMain {

    static final String DIR_VARIABLE = "PAGERBOY_CLUSTER_DIR";

    private static final String USAGE =
            """
            usage: ./pagerboy cluster start|stop|status
                   ./pagerboy flink <flink CLI arguments>

              cluster start    start a Flink 2.2 standalone cluster (1 JobManager, 1 TaskManager
                               with %d slots) on 127.0.0.1 in the background
              cluster status   show its processes, REST address, TaskManagers, slots and jobs
              cluster stop     stop it (SIGTERM, then SIGKILL after 20 s)
              flink ...        Flink's CLI (bin/flink) against it, e.g.
                               ./pagerboy flink run -d -c dev.pagerboy.streaming.StreamingJob \\
                                   streaming-job/target/pagerboy-job.jar --config pagerboy.yaml
                               ./pagerboy flink list;  ./pagerboy flink cancel <job id>

            The cluster lives in cluster/target/flink-cluster (or $%s):
            conf/ (FLINK_CONF_DIR), log/, tmp/, checkpoints/.
            """
                    .formatted(StandaloneCluster.SLOTS, DIR_VARIABLE);

    private ClusterMain() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            return usage("missing command");
        }
        ClusterDirectory dir = directory();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "help", "-h", "--help" -> {
                System.out.print(USAGE);
                return 0;
            }
            case "flink" -> {
                return flink(dir, rest);
            }
            default -> {
                // start, stop and status take no arguments
            }
        }
        if (!rest.isEmpty()) {
            return usage("unexpected argument '" + rest.get(0) + "'");
        }
        return switch (args[0]) {
            case "start" -> start(dir);
            case "stop" -> stop(dir);
            case "status" -> status(dir);
            default -> usage("unknown command '" + args[0] + "'");
        };
    }

    private static int start(ClusterDirectory dir) {
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
            cluster = StandaloneCluster.start(home, dir, false);
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

    private static int usage(String problem) {
        System.err.println("pagerboy cluster: " + problem);
        System.err.print(USAGE);
        return 2;
    }
}
