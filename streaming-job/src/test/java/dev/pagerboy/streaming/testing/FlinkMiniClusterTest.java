package dev.pagerboy.streaming.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared MiniCluster pattern really runs jobs two-wide and fails broken jobs quickly. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FlinkMiniClusterTest {

    @RegisterExtension static final MiniClusterExtension flink = FlinkMiniCluster.extension();

    @Test
    void runsJobsWithTwoParallelSubtasks() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThat(env.getParallelism()).isEqualTo(FlinkMiniCluster.PARALLELISM);

        List<Tuple2<Integer, Long>> out = new ArrayList<>();
        try (CloseableIterator<Tuple2<Integer, Long>> it =
                env.fromSequence(1, 10_000)
                        .rebalance()
                        .map(new TagWithSubtask())
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }

        assertThat(out).hasSize(10_000);
        assertThat(out.stream().mapToLong(t -> t.f1).sum()).isEqualTo(10_000L * 10_001 / 2);
        assertThat(out.stream().map(t -> t.f0).distinct()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void checkpointedJobThatKeepsFailingGivesUpAfterBoundedRestarts() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // With checkpointing on, Flink's default would restart this job forever.
        env.enableCheckpointing(100);
        env.fromSequence(1, 100).map(new FailsInSubtaskZero()).sinkTo(new DiscardingSink<>());

        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () ->
                        assertThatThrownBy(() -> env.execute("always failing"))
                                .hasStackTraceContaining(FailsInSubtaskZero.MESSAGE));
        assertThat(FailsInSubtaskZero.ATTEMPTS).hasValue(FlinkMiniCluster.RESTART_ATTEMPTS + 1);
    }

    /** Pairs each value with the index of the subtask that saw it. */
    static final class TagWithSubtask extends RichMapFunction<Long, Tuple2<Integer, Long>> {
        @Override
        public Tuple2<Integer, Long> map(Long value) {
            return Tuple2.of(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), value);
        }
    }

    /**
     * Fails every attempt of subtask 0 when it opens, and counts the attempts (same JVM as the
     * test). It fails in {@code open}, not per record: the sequence source hands out its splits
     * dynamically, so subtask 0 may see no record at all and a per-record failure could never fire.
     */
    static final class FailsInSubtaskZero extends RichMapFunction<Long, Long> {
        static final String MESSAGE = "injected failure for the restart-strategy test";
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @Override
        public void open(OpenContext openContext) {
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                ATTEMPTS.incrementAndGet();
                throw new IllegalStateException(MESSAGE);
            }
        }

        @Override
        public Long map(Long value) {
            return value;
        }
    }
}
