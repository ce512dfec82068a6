package dev.pagerboy.cluster.testing;

import dev.pagerboy.cluster.ClusterDirectory;
import dev.pagerboy.cluster.ClusterRest;
import dev.pagerboy.cluster.FlinkCli;
import dev.pagerboy.cluster.FlinkHome;
import dev.pagerboy.cluster.StandaloneCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class one real, multi-process Flink standalone cluster (a
 * JobManager JVM and a TaskManager JVM with {@value StandaloneCluster#SLOTS} slots), started before
 * the first test from the Flink home this module's build assembles, and stopped after the last one:
 * both processes gone, the cluster's temporary directory deleted. A JVM shutdown hook does the same
 * if the test JVM dies first.
 *
 * <pre>{@code
 * @RegisterExtension static final FlinkClusterExtension flink = new FlinkClusterExtension();
 *
 * @Test
 * void something() {
 *     FlinkCli.Result r = flink.cli().run(Duration.ofMinutes(2),
 *             List.of("run", "-d", "-c", MAIN, jar.toString(), "--config", yaml.toString()));
 *     String jobId = r.submittedJobId().orElseThrow();
 *     flink.rest().jobState(jobId);   // RUNNING …
 * }
 * }</pre>
 *
 * <p>The field must be {@code static}: starting the cluster costs 10–25 s on the 2-core machine.
 * Outside Maven, set {@code pagerboy.flink.home} (or {@code pagerboy.root}) so {@link
 * FlinkHome#locate()} finds the home.
 */
public final class FlinkClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private StandaloneCluster cluster;
    private ExtensionContext owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes run beforeAll again on the inherited extension: keep the outer cluster.
        if (cluster == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("pagerboy-flink-cluster-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long started = System.nanoTime();
            cluster = StandaloneCluster.start(FlinkHome.locate(), new ClusterDirectory(dir), true);
            owner = context;
            // One line in the test log: start-up time is most of this fixture's cost.
            System.err.printf(
                    "Flink cluster ready in %.1f s: JobManager pid %d, TaskManager pid %d, %s%n",
                    (System.nanoTime() - started) / 1e9,
                    cluster.jobManager().pid(),
                    cluster.taskManager().pid(),
                    cluster.restAddress());
        }
    }

    /** Stops the cluster; fails the class if a process survives SIGKILL. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (context == owner) {
            StandaloneCluster c = cluster;
            cluster = null;
            owner = null;
            // CPU time, not wall time, says what the cluster costs on a shared machine.
            String cpu =
                    "JobManager "
                            + cpuSeconds(c.jobManager())
                            + ", TaskManager "
                            + cpuSeconds(c.taskManager());
            c.close();
            System.err.println("Flink cluster stopped; CPU used: " + cpu);
        }
    }

    private static String cpuSeconds(ProcessHandle process) {
        return process.info()
                .totalCpuDuration()
                .map(d -> String.format("%.1f s", d.toMillis() / 1e3))
                .orElse("unknown");
    }

    /** The running cluster. */
    public StandaloneCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "the Flink cluster is not running: register FlinkClusterExtension on a static"
                            + " field with @RegisterExtension");
        }
        return cluster;
    }

    /** Flink's CLI ({@code bin/flink}) configured for the cluster. */
    public FlinkCli cli() {
        return cluster().cli();
    }

    /** The cluster's REST API. */
    public ClusterRest rest() {
        return cluster().rest();
    }
}
