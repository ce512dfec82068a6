package dev.pagerboy.streaming.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wait on a watched job ends as soon as the job fails, with the job's own failure, and a wait
 * that runs out says what the job was doing, down to each source reader and its thread. Both waits
 * here are for output that never comes, as when a live job died or stalled.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WatchedJobTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String BROKEN = "injected failure for the watched-job test";

    @Test
    void aFailedJobEndsTheWaitAtOnceWithItsCause() throws Exception {
        StreamExecutionEnvironment env = environment();
        numbers(env)
                .map(
                        n -> {
                            if (n >= 50) {
                                throw new IllegalStateException(BROKEN);
                            }
                            return n;
                        })
                .returns(Types.LONG)
                .name("breaks at 50")
                .sinkTo(new DiscardingSink<>());
        WatchedJob job = WatchedJob.onCluster(FLINK, env.executeAsync("watched failing"));

        long start = System.nanoTime();
        AssertionError failure =
                catchThrowableOfType(
                        AssertionError.class,
                        () ->
                                job.await(
                                        "output that never comes",
                                        Duration.ofMinutes(2),
                                        () -> false));

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("ended by the job's failure, not the deadline")
                .isLessThan(Duration.ofMinutes(1));
        assertThat(failure).hasMessageContaining("output that never comes never came");
        assertThat(failure).hasMessageContaining("FAILED");
        assertThat(failure).hasStackTraceContaining(BROKEN);
    }

    @Test
    void aWaitThatRunsOutReportsTheJobsStagesAndCheckpoints() throws Exception {
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(200);
        numbers(env).sinkTo(new DiscardingSink<>()).name("discard");
        WatchedJob job = WatchedJob.onCluster(FLINK, env.executeAsync("watched running"));
        try {
            AssertionError timeout =
                    catchThrowableOfType(
                            AssertionError.class,
                            () ->
                                    job.await(
                                            "output that never comes",
                                            Duration.ofSeconds(5),
                                            () -> false));

            assertThat(timeout)
                    .hasMessageContaining("output that never comes not within PT5S")
                    .hasMessageContaining("RUNNING")
                    .hasMessageContaining("numbers")
                    .hasMessageContaining("checkpoints: ");
            // What each source reader did (its metrics, once the cluster has fetched them), and
            // where its thread stands in this JVM.
            assertThat(timeout.getMessage())
                    .contains("      reader 0:")
                    .containsPattern("thread \"Source: numbers \\(1/1\\)#0\" \\w+");
        } finally {
            job.client().cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static StreamExecutionEnvironment environment() {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
    }

    /** An endless paced count, like a live input that never ends. */
    private static org.apache.flink.streaming.api.datastream.DataStream<Long> numbers(
            StreamExecutionEnvironment env) {
        return env.fromSource(
                        new DataGeneratorSource<>(
                                n -> n,
                                Long.MAX_VALUE,
                                RateLimiterStrategy.perSecond(100),
                                Types.LONG),
                        WatermarkStrategy.forMonotonousTimestamps(),
                        "numbers")
                .setParallelism(1);
    }
}
