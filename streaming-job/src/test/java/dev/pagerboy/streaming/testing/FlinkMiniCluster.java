package dev.pagerboy.streaming.testing;

import dev.pagerboy.streaming.config.StateBackendChoice;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The one way PagerBoy's tests get a Flink cluster: an in-JVM MiniCluster with parallelism 2 and a
 * bounded restart strategy.
 *
 * <pre>{@code
 * @RegisterExtension static final MiniClusterExtension flink = FlinkMiniCluster.extension();
 *
 * @Test
 * void something() throws Exception {
 *     StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 *     ... // env runs on the MiniCluster with default parallelism 2
 * }
 * }</pre>
 *
 * <p>Why these settings: one TaskManager with two slots gives the parallelism the job runs with in
 * production (so keyBy, watermarks from two subtasks and two-phase commits are really exercised)
 * while fitting the 2-core machine. With checkpointing on, Flink's default restart strategy retries
 * forever, so a broken test job would hang instead of failing; here a job gets {@link
 * #RESTART_ATTEMPTS} restarts (enough for failure-injection tests) and then fails the test.
 */
public final class FlinkMiniCluster {

    /** Default parallelism of jobs on the test cluster, and its number of slots. */
    public static final int PARALLELISM = 2;

    /** Restarts a failing job gets before the test fails. */
    public static final int RESTART_ATTEMPTS = 3;

    private FlinkMiniCluster() {}

    /** A MiniClusterExtension to register on a {@code static} field (one cluster per class). */
    public static MiniClusterExtension extension() {
        return extension(configuration());
    }

    /**
     * The same cluster, reporting every metric to {@code metrics}, so a test can read the job's
     * counters (an {@link InMemoryReporter#createWithRetainedMetrics()} keeps them after the job).
     */
    public static MiniClusterExtension extension(InMemoryReporter metrics) {
        return extension(metrics.addToConfiguration(configuration()));
    }

    /**
     * The same cluster with {@code settings} added, reporting to {@code metrics}: for a test whose
     * TaskManager must run as the live job's do (network buffers, for one).
     */
    public static MiniClusterExtension extension(InMemoryReporter metrics, Configuration settings) {
        Configuration configuration = configuration();
        configuration.addAll(settings);
        return extension(metrics.addToConfiguration(configuration));
    }

    private static MiniClusterExtension extension(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(PARALLELISM)
                        .setConfiguration(configuration)
                        .build());
    }

    /**
     * The cluster configuration: bounded fixed-delay restarts, and the changelog's file storage in
     * {@code target/flink-changelog}, as a cluster has it (the live job's default backend logs its
     * state changes there; without it Flink would keep the log in memory).
     */
    public static Configuration configuration() {
        Configuration config =
                StateBackendChoice.changelogStorage(
                        Path.of("target", "flink-changelog").toAbsolutePath().toUri().toString());
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return config;
    }
}
