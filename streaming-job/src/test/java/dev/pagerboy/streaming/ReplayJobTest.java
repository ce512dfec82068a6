package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.lateness.LateControls;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Replay runs the group stage where the archive's {@code group-broadcast} rows say the live job ran
 * it ({@link ReplayJob#checkParallelism}): each row names the subtask that met the input late as
 * {@code index/parallelism/maxParallelism}, and a group key meets the subtask of the same index
 * only at the same parallelism and the same maximum parallelism (which maps key groups to
 * subtasks).
 */
class ReplayJobTest {

    /** Rows of a live job at parallelism 2, maximum parallelism 128 (Flink's default for 2). */
    private static final LateControls AT_2_OF_128 =
            LateControls.recorded(
                    Map.of("tick:ticks/0/7|0/2/128", 1L, "silence:s-1|5|1/2/128", 6L));

    private static StreamExecutionEnvironment env(int parallelism, int maxParallelism) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment();
        if (parallelism != 0) {
            env.setParallelism(parallelism);
        }
        if (maxParallelism > 0) {
            env.setMaxParallelism(maxParallelism);
        }
        return env;
    }

    @Test
    void aReplayWithoutParallelismsTakesTheLiveOnes() {
        // As flink run without -p hands it over.
        StreamExecutionEnvironment env = env(ExecutionConfig.PARALLELISM_DEFAULT, 0);

        ReplayJob.checkParallelism(env, AT_2_OF_128);

        assertThat(env.getParallelism()).isEqualTo(2);
        assertThat(env.getMaxParallelism()).isEqualTo(128);
    }

    @Test
    void aLiveJobsNonDefaultMaximumIsTakenToo() {
        StreamExecutionEnvironment env = env(2, 0);

        ReplayJob.checkParallelism(
                env, LateControls.recorded(Map.of("tick:ticks/0/7|0/2/4096", 1L)));

        assertThat(env.getMaxParallelism()).isEqualTo(4096);
    }

    @Test
    void anotherMaximumParallelismIsRefused() {
        assertThatThrownBy(() -> ReplayJob.checkParallelism(env(2, 256), AT_2_OF_128))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "the archive records 2 silence, tick or inhibition source time(s) of a"
                                + " live job's group stage at maximum parallelism 128 (late_input"
                                + " rows of stage group-broadcast): replay with maximum"
                                + " parallelism 128 (pipeline.max-parallelism, or leave it"
                                + " unset), not 256");
    }

    @Test
    void anotherParallelismIsRefused() {
        assertThatThrownBy(() -> ReplayJob.checkParallelism(env(4, 0), AT_2_OF_128))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("at parallelism 2")
                .hasMessageEndingWith("replay with --parallelism 2, not 4");
    }

    @Test
    void rowsOfSeveralMaximumParallelismsCannotBeReplayed() {
        LateControls rescaled =
                LateControls.recorded(
                        Map.of("tick:ticks/0/7|0/2/128", 1L, "tick:ticks/0/9|0/2/256", 2L));

        assertThatThrownBy(() -> ReplayJob.checkParallelism(env(2, 0), rescaled))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "the archive cannot be replayed exactly: late broadcast inputs were"
                                + " recorded at group maximum parallelisms [128, 256] (the live"
                                + " job was rescaled while they were late)");
    }

    @Test
    void anArchiveWithoutSuchRowsLeavesTheJobAsItIs() {
        StreamExecutionEnvironment env = env(3, 0);

        ReplayJob.checkParallelism(env, LateControls.NONE);

        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getMaxParallelism()).isEqualTo(-1);
    }
}
