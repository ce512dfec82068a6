package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.tools.bench.CheckpointWatch.Checkpoint;
import dev.pagerboy.tools.bench.CheckpointWatch.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointWatchTest {

    // Trimmed from a Flink 2.2 MiniCluster's /jobs/:id/checkpoints answer.
    private static final String ANSWER =
            """
            {"counts":{"restored":0,"total":4,"in_progress":1,"completed":2,"failed":1},
             "history":[
              {"className":"pending","id":4,"status":"IN_PROGRESS","is_savepoint":false,
               "trigger_timestamp":4000,"end_to_end_duration":2500,"state_size":0},
              {"className":"failed","id":3,"status":"FAILED","is_savepoint":false,
               "trigger_timestamp":3000,"end_to_end_duration":900,"state_size":0,
               "failure_message":"Checkpoint expired before completing.\\nmore"},
              {"className":"completed","id":2,"status":"COMPLETED","is_savepoint":false,
               "trigger_timestamp":2000,"end_to_end_duration":700,"state_size":4096},
              {"className":"completed","id":1,"status":"COMPLETED","is_savepoint":false,
               "trigger_timestamp":1000,"end_to_end_duration":300,"state_size":2048},
              {"className":"completed","id":9,"status":"COMPLETED","is_savepoint":true,
               "trigger_timestamp":1500,"end_to_end_duration":99999,"state_size":1}]}
            """;

    @Test
    void readsCheckpointsAndLeavesSavepointsOut() throws Exception {
        List<Checkpoint> checkpoints = CheckpointWatch.parse(new ObjectMapper().readTree(ANSWER));

        assertThat(checkpoints)
                .containsExactly(
                        new Checkpoint(4, "IN_PROGRESS", 4000, 2500, 0, null),
                        new Checkpoint(
                                3,
                                "FAILED",
                                3000,
                                900,
                                0,
                                "Checkpoint expired before completing.\nmore"),
                        new Checkpoint(2, "COMPLETED", 2000, 700, 4096, null),
                        new Checkpoint(1, "COMPLETED", 1000, 300, 2048, null));
    }

    @Test
    void summarisesTheCheckpointsTriggeredInTheWindow() throws Exception {
        List<Checkpoint> checkpoints = CheckpointWatch.parse(new ObjectMapper().readTree(ANSWER));

        Summary all = CheckpointWatch.summarise(checkpoints, 0, Long.MAX_VALUE);
        assertThat(all.completed()).isEqualTo(2);
        assertThat(all.failed()).isEqualTo(1);
        assertThat(all.p50Millis()).isEqualTo(300);
        assertThat(all.maxMillis()).isEqualTo(700);
        assertThat(all.lastCompleted().id()).isEqualTo(2);
        assertThat(all.inProgress().id()).isEqualTo(4);
        assertThat(all.describe(0))
                .contains("2 completed, 1 failed")
                .contains("p50 300 ms, max 700 ms")
                .contains("#4 in progress since +4.0 s (2,500 ms so far)")
                .endsWith("; #3 failed: Checkpoint expired before completing.");

        Summary late = CheckpointWatch.summarise(checkpoints, 1500, 3500);
        assertThat(late.completed()).isEqualTo(1);
        assertThat(late.p50Millis()).isEqualTo(700);
        assertThat(late.inProgress()).isNull();
    }

    @Test
    void anEmptyWindowSaysSo() {
        Summary none = CheckpointWatch.summarise(List.of(), 0, 10);
        assertThat(none.completed()).isZero();
        assertThat(none.p50Millis()).isEqualTo(-1);
        assertThat(none.maxMillis()).isEqualTo(-1);
        assertThat(none.describe(0))
                .isEqualTo("checkpoints triggered in the window: 0 completed, 0 failed");
    }
}
