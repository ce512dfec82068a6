package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting and stopping the JobManager and TaskManager JVMs, and finding them again by process id.
 * Stopping is what Flink's {@code bin/stop-cluster.sh} does (SIGTERM, so the process shuts down
 * cleanly), followed by SIGKILL if it has not exited after a grace period.
 */
final class FlinkProcesses {

    static final String JOB_MANAGER = "jobmanager";
    static final String TASK_MANAGER = "taskmanager";

    static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private FlinkProcesses() {}

    /** Starts one daemon; its stdout and stderr go to {@code log/<role>.out}. */
    static ProcessHandle start(
            FlinkHome home, ClusterDirectory dir, String role, ProcessMemory memory) {
        String main = role.equals(JOB_MANAGER) ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN;
        List<String> args =
                concat(List.of("--configDir", dir.conf().toString()), memory.dynamicProperties());
        List<String> cmd =
                JavaCommand.of(
                        home,
                        dir,
                        memory.jvmOptions(),
                        role + ".log",
                        "log4j.properties",
                        main,
                        args);
        Path out = dir.log().resolve(role + ".out");
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                            .start();
            return p.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + role, e);
        }
    }

    /**
     * The live process {@code pid} if it is still the Flink daemon of {@code role} (a recycled pid
     * belongs to someone else and is never touched).
     */
    static Optional<ProcessHandle> find(long pid, String role) {
        String main = role.equals(JOB_MANAGER) ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN;
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(
                        p ->
                                p.info()
                                        .commandLine()
                                        .or(
                                                () ->
                                                        p.info()
                                                                .arguments()
                                                                .map(a -> String.join(" ", a)))
                                        .map(cmd -> cmd.contains(main))
                                        .orElse(false));
    }

    /**
     * SIGTERM, then SIGKILL after the grace period.
     *
     * @throws IllegalStateException if the process is still alive after SIGKILL
     */
    static void stop(ProcessHandle process, String role) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!exited(process, STOP_GRACE)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        if (!exited(process, KILL_WAIT)) {
            throw new IllegalStateException(
                    "the " + role + " (pid " + process.pid() + ") did not stop");
        }
    }

    /** Whether a process's log files mention {@code text}. */
    static boolean logContains(ClusterDirectory dir, String role, String text) {
        for (String name : List.of(role + ".out", role + ".log")) {
            Path file = dir.log().resolve(name);
            try {
                if (Files.exists(file) && Files.readString(file).contains(text)) {
                    return true;
                }
            } catch (IOException | UncheckedIOException e) {
                // unreadable (e.g. not UTF-8): treat as not mentioned
            }
        }
        return false;
    }

    /** The last {@code lines} lines of a process's log files, to explain why it died. */
    static String tail(ClusterDirectory dir, String role, int lines) {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of(role + ".out", role + ".log")) {
            Path file = dir.log().resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                List<String> all = Files.readAllLines(file);
                sb.append("--- ").append(file).append(" (last lines) ---\n");
                for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                    sb.append(line).append('\n');
                }
            } catch (IOException | UncheckedIOException e) {
                sb.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    private static boolean exited(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
