package dev.pagerboy.tools.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Flink daemon (a JobManager or a TaskManager JVM) that the runner kills with {@code kill -9}
 * and starts again, as a supervisor (systemd, Kubernetes) would: the command line is read from
 * {@code /proc/<pid>/cmdline} while the first process lives and executed again after the kill, its
 * output appended to the same file. The cluster's own {@code close()} stops the first process; this
 * class stops the ones it started.
 */
final class RestartableDaemon implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String role;
    private final List<String> command;
    private final Path output;
    private ProcessHandle current;
    private final List<ProcessHandle> started = new ArrayList<>();

    RestartableDaemon(String role, ProcessHandle original, Path output) {
        this.role = role;
        this.current = original;
        this.command = commandLine(original);
        this.output = output;
    }

    String role() {
        return role;
    }

    ProcessHandle current() {
        return current;
    }

    /** SIGKILL, and waits until the process is gone. */
    void killHard() {
        current.destroyForcibly();
        awaitExit(current, Duration.ofSeconds(30));
    }

    /** Starts the daemon again with the first process's command line. */
    void restart() {
        if (current.isAlive()) {
            throw new IllegalStateException("the " + role + " (pid " + current.pid() + ") runs");
        }
        try {
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            current = p.toHandle();
            started.add(current);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the " + role, e);
        }
    }

    @Override
    public void close() {
        for (ProcessHandle p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!awaitExit(p, STOP_GRACE)) {
                    p.destroyForcibly();
                    awaitExit(p, Duration.ofSeconds(10));
                }
            }
        }
    }

    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw =
                    Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (args.isEmpty()) {
                throw new IllegalStateException("empty command line of pid " + process.pid());
            }
            return List.copyOf(args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command line of " + process.pid(), e);
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
