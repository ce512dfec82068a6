package dev.pagerboy.dispatcher.it;

import static org.awaitility.Awaitility.await;

import dev.pagerboy.dispatcher.ReplicaJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dispatcher replica in its own JVM, started as {@code ./pagerboy dispatcher} starts it (the
 * command's main on this test's class path), so it can be killed with SIGKILL like a crashed node.
 */
final class ReplicaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ReplicaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts replica {@code id} and waits until it serves its ops endpoints. */
    static ReplicaProcess start(Path config, String group, int id, Path logDir, int incarnation)
            throws IOException {
        Path log = logDir.resolve("replica-" + id + "-" + incarnation + ".log");
        Process p = ReplicaJvm.start(config, group, id, "192m", log);
        ReplicaProcess replica = new ReplicaProcess(p, log);
        // A JVM start and a consumer group join: slow on a busy 2-core machine; a replica that
        // exits ends the wait at once.
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofMinutes(2))
                .until(
                        () -> {
                            if (!p.isAlive()) {
                                throw new IllegalStateException(
                                        "replica " + id + " exited: " + replica.output());
                            }
                            return ReplicaJvm.serving(replica.output());
                        });
        return replica;
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL: no shutdown hook, no drain, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: drains and commits; returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
