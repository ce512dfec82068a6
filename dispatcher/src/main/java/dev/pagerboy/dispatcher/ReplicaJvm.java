package dev.pagerboy.dispatcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One dispatcher replica in a JVM of its own, started with the command line {@code ./pagerboy
 * dispatcher --config FILE --group G --replica-id N} runs, on the caller's class path. The
 * fault-injection runner and the failover tests start replicas this way so that they can kill one
 * with SIGKILL, as a node crashes.
 */
public final class ReplicaJvm {

    /** What a replica prints once it serves its ops endpoints, after it joined its group. */
    private static final String SERVING = "ops.url=";

    private ReplicaJvm() {}

    /**
     * Starts replica {@code replicaId} of consumer group {@code group} with the configuration
     * {@code config}, its output (stdout and stderr) to {@code log}, and returns at once: see
     * {@link #serving} for when it is ready.
     *
     * @param maxHeap the JVM's {@code -Xmx} value, e.g. {@code 256m}
     */
    public static Process start(Path config, String group, int replicaId, String maxHeap, Path log)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        List.of(
                                java,
                                "-Xmx" + maxHeap,
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                DispatcherCommand.class.getName(),
                                "--config",
                                config.toString(),
                                "--group",
                                group,
                                "--replica-id",
                                String.valueOf(replicaId)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Whether a replica's output so far says it serves its ops endpoints. */
    public static boolean serving(String output) {
        return output.contains(SERVING);
    }
}
