package dev.pagerboy.cluster;

import dev.pagerboy.cluster.ClusterRest.Overview;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * A real, multi-process Flink standalone session cluster on this machine: one JobManager JVM
 * ({@code StandaloneSessionClusterEntrypoint}) and one TaskManager JVM ({@code TaskManagerRunner})
 * with {@value #SLOTS} slots, started from a {@link FlinkHome} the way Flink's {@code
 * bin/start-cluster.sh} starts them, talking to each other over Pekko RPC on loopback ports.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start(FlinkHome.locate(), dir, true)) {
 *     cluster.cli().run("run", "-d", "-c", MAIN, jar, ...);   // bin/flink, in its own JVM
 *     cluster.rest().jobs();
 * }   // SIGTERM to both processes (SIGKILL if they hang), directory deleted
 * }</pre>
 *
 * <p>{@link #start} returns once the TaskManager has registered and its slots are free. Until
 * {@link #close} or {@link #detach}, a shutdown hook stops the processes if this JVM exits, so a
 * failing or killed test leaves no Flink process behind.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** Slots of the TaskManager and default parallelism of jobs (as on the MiniCluster). */
    public static final int SLOTS = 2;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final int START_ATTEMPTS = 3;

    private final ClusterDirectory dir;
    private final boolean ownsDirectory;
    private final ClusterConfiguration config;
    private final FlinkHome home;
    private final ProcessHandle jobManager;
    private final ProcessHandle taskManager;
    private final Thread shutdownHook;
    private boolean closed;

    private StandaloneCluster(
            FlinkHome home,
            ClusterDirectory dir,
            boolean ownsDirectory,
            ClusterConfiguration config,
            ProcessHandle jobManager,
            ProcessHandle taskManager) {
        this.home = home;
        this.dir = dir;
        this.ownsDirectory = ownsDirectory;
        this.config = config;
        this.jobManager = jobManager;
        this.taskManager = taskManager;
        this.shutdownHook = new Thread(this::close, "flink-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Writes the configuration into {@code dir}, starts both processes and waits until the cluster
     * is ready. {@code ownsDirectory}: delete {@code dir} on {@link #close}.
     *
     * @throws IllegalStateException with the processes' last log lines if the cluster does not come
     *     up (the processes are stopped first)
     */
    public static StandaloneCluster start(
            FlinkHome home, ClusterDirectory dir, boolean ownsDirectory) {
        return start(home, dir, ownsDirectory, ClusterConfiguration.TASK_MANAGER_MEMORY);
    }

    /**
     * The same with a TaskManager of {@code taskManagerMemory} ({@code
     * taskmanager.memory.process.size}, e.g. {@code 3g}): the job's state lives on its heap.
     */
    public static StandaloneCluster start(
            FlinkHome home, ClusterDirectory dir, boolean ownsDirectory, String taskManagerMemory) {
        for (int attempt = 1; ; attempt++) {
            dir.create();
            int[] ports = FreePorts.pick(2);
            ClusterConfiguration config =
                    new ClusterConfiguration(ports[0], ports[1], SLOTS, taskManagerMemory);
            config.writeTo(dir);
            StandaloneCluster cluster = launch(home, dir, ownsDirectory, config);
            try {
                cluster.awaitReady();
                return cluster;
            } catch (IllegalStateException e) {
                cluster.stopProcesses();
                boolean portTaken =
                        FlinkProcesses.logContains(
                                dir, FlinkProcesses.JOB_MANAGER, "java.net.BindException");
                if (!portTaken || attempt == START_ATTEMPTS) {
                    cluster.close();
                    throw e;
                }
                // Someone took a picked port before the JobManager bound it: new ports.
                Runtime.getRuntime().removeShutdownHook(cluster.shutdownHook);
            }
        }
    }

    private static StandaloneCluster launch(
            FlinkHome home, ClusterDirectory dir, boolean ownsDirectory, ClusterConfiguration c) {
        // Both BashJavaUtils JVMs at once: each takes a second or two to start.
        ProcessMemory.Pending jm = ProcessMemory.compute(home, dir, ProcessMemory.Role.JOB_MANAGER);
        ProcessMemory.Pending tm =
                ProcessMemory.compute(home, dir, ProcessMemory.Role.TASK_MANAGER);
        ProcessMemory jmMemory = jm.await();
        ProcessMemory tmMemory = tm.await();
        ProcessHandle jobManager =
                FlinkProcesses.start(home, dir, FlinkProcesses.JOB_MANAGER, jmMemory);
        ProcessHandle taskManager;
        try {
            taskManager = FlinkProcesses.start(home, dir, FlinkProcesses.TASK_MANAGER, tmMemory);
        } catch (RuntimeException e) {
            FlinkProcesses.stop(jobManager, FlinkProcesses.JOB_MANAGER);
            throw e;
        }
        return new StandaloneCluster(home, dir, ownsDirectory, c, jobManager, taskManager);
    }

    /** Waits until one TaskManager has registered with all its slots free. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessHandle p : new ProcessHandle[] {jobManager, taskManager}) {
                if (!p.isAlive()) {
                    String role =
                            p == jobManager
                                    ? FlinkProcesses.JOB_MANAGER
                                    : FlinkProcesses.TASK_MANAGER;
                    throw new IllegalStateException(
                            "the Flink "
                                    + role
                                    + " exited during start-up\n"
                                    + FlinkProcesses.tail(dir, role, 40));
                }
            }
            Optional<Overview> overview = rest().overview();
            if (overview.isPresent()
                    && overview.get().taskManagers() >= 1
                    && overview.get().slotsAvailable() >= SLOTS) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                "the Flink cluster was not ready after "
                        + READY_TIMEOUT.toSeconds()
                        + " s\n"
                        + FlinkProcesses.tail(dir, FlinkProcesses.JOB_MANAGER, 20)
                        + FlinkProcesses.tail(dir, FlinkProcesses.TASK_MANAGER, 20));
    }

    /** The REST endpoint, e.g. {@code http://127.0.0.1:41234/}. */
    public URI restAddress() {
        return URI.create("http://127.0.0.1:" + config.restPort() + "/");
    }

    public ClusterRest rest() {
        return new ClusterRest(restAddress());
    }

    /** Flink's command-line client, configured for this cluster. */
    public FlinkCli cli() {
        return new FlinkCli(home, dir);
    }

    public ClusterDirectory directory() {
        return dir;
    }

    public ProcessHandle jobManager() {
        return jobManager;
    }

    public ProcessHandle taskManager() {
        return taskManager;
    }

    /**
     * Leaves the processes running after this JVM exits ({@code ./pagerboy cluster start}): writes
     * their pids into the directory for {@link #stopRecorded} and removes the shutdown hook.
     */
    public void detach() {
        try {
            Files.writeString(
                    dir.pidFile(FlinkProcesses.JOB_MANAGER), Long.toString(jobManager.pid()));
            Files.writeString(
                    dir.pidFile(FlinkProcesses.TASK_MANAGER), Long.toString(taskManager.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the cluster's process ids", e);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        closed = true;
    }

    /**
     * The recorded process of {@code role} of a detached cluster in {@code dir}, if it is alive.
     */
    public static Optional<ProcessHandle> recorded(ClusterDirectory dir, String role) {
        try {
            if (!Files.exists(dir.pidFile(role))) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(dir.pidFile(role)).trim());
            return FlinkProcesses.find(pid, role);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the detached cluster in {@code dir} (TaskManager first) and removes its pid files and
     * temp directory; logs stay. Returns whether any process was running.
     */
    public static boolean stopRecorded(ClusterDirectory dir) {
        boolean running = false;
        for (String role : new String[] {FlinkProcesses.TASK_MANAGER, FlinkProcesses.JOB_MANAGER}) {
            Optional<ProcessHandle> p = recorded(dir, role);
            if (p.isPresent()) {
                running = true;
                FlinkProcesses.stop(p.get(), role);
            }
            try {
                Files.deleteIfExists(dir.pidFile(role));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        new ClusterDirectory(dir.tmp()).delete();
        return running;
    }

    /** Stops both processes (TaskManager first) and, if owned, deletes the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopProcesses();
        } finally {
            if (ownsDirectory) {
                dir.delete();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down: this is the hook running
            }
        }
    }

    private void stopProcesses() {
        try {
            FlinkProcesses.stop(taskManager, FlinkProcesses.TASK_MANAGER);
        } finally {
            FlinkProcesses.stop(jobManager, FlinkProcesses.JOB_MANAGER);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Flink cluster", e);
        }
    }
}
