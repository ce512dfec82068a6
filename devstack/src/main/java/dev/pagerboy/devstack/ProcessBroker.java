package dev.pagerboy.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node KRaft broker in its own JVM ({@link ProcessBrokerMain}), on ports picked once and a
 * log directory that outlives the process: {@link #kill} is {@code kill -9}, {@link #restart}
 * starts the same broker again on the same log, as an operator restarts a crashed broker host. The
 * fault-injection runner needs this; {@link EmbeddedKafka} lives inside the caller's JVM and
 * deletes its data when it stops.
 *
 * <pre>{@code
 * try (ProcessBroker kafka = ProcessBroker.start(dir)) {
 *     kafka.createTopics(2, "alerts");
 *     kafka.kill();      // SIGKILL, nothing flushed
 *     kafka.restart();   // same ports, same log dir; returns once it answers again
 * }                      // SIGTERM (SIGKILL after a grace period)
 * }</pre>
 *
 * <p>The child's output goes to {@code broker.out} in the directory. A shutdown hook stops the
 * child if this JVM exits first.
 */
public final class ProcessBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String HEAP = "-Xmx384m";

    private final Path dir;
    private final int brokerPort;
    private final int controllerPort;
    private final Thread shutdownHook;
    private Process process;
    private Admin admin;
    private boolean closed;

    private ProcessBroker(Path dir, int brokerPort, int controllerPort) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.shutdownHook = new Thread(this::close, "process-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on fresh free ports, keeping its log in {@code dir}; waits until ready. */
    public static ProcessBroker start(Path dir) {
        int[] ports = LoopbackPorts.pick(2);
        ProcessBroker broker = new ProcessBroker(dir, ports[0], ports[1]);
        try {
            broker.launch();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}: the same across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's directory (its log under {@code data/}, its output in {@code broker.out}). */
    public Path directory() {
        return dir;
    }

    /** The running broker process (absent between {@link #kill} and {@link #restart}). */
    public synchronized ProcessHandle process() {
        return process.toHandle();
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: the process gets no chance to flush or close anything. */
    public synchronized void kill() {
        closeAdmin();
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
    }

    /** Starts the broker again on the same ports and log directory; returns once it answers. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker (pid " + process.pid() + ") still runs");
        }
        launch();
    }

    /**
     * Creates topics with {@code partitions} partitions each (existing ones are kept) and waits
     * until every partition has a leader.
     */
    public synchronized void createTopics(int partitions, String... names) {
        TopicCreator.create(admin, READY_TIMEOUT, partitions, names);
    }

    private void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(HEAP);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ProcessBrokerMain.class.getName());
        cmd.add(dir.toString());
        cmd.add(String.valueOf(brokerPort));
        cmd.add(String.valueOf(controllerPort));
        try {
            Files.createDirectories(dir);
            process =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(
                                            dir.resolve("broker.out").toFile()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker process", e);
        }
        admin = Admin.create(adminProperties());
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the broker process exited with status "
                                + process.exitValue()
                                + "; see "
                                + dir.resolve("broker.out"));
            }
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // not listening yet, or still replaying its metadata log
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the broker process did not answer within " + READY_TIMEOUT);
            }
            pause(100);
        }
    }

    /** SIGTERM (a clean shutdown), SIGKILL after a grace period. The directory stays. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAdmin();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!awaitExit(process, STOP_GRACE)) {
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(10));
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the hook is running
            }
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "process-broker-admin");
        return p;
    }

    private static boolean awaitExit(Process p, Duration wait) {
        try {
            return p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
