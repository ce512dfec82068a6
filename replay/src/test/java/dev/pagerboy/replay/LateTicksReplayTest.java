package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.at;
import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tick of the {@code ticks} topic ({@code --clock topic}) that reaches the live job's group stage
 * behind its watermark replays bit for bit (#17, docs/REPLAY.md "Late silences and ticks").
 *
 * <p>A tick is an input time: a group whose flush fell due while the input was silent for longer
 * than {@code catch_up_after} (here 2 m) waits, and flushes once at the first input after that. The
 * story (seconds from T0; group_wait 10 s, group_interval 1 m): ticks at 0 and 30, DbDown fires at
 * 0 and resolves at 300, HostDown fires at 400 on both alerts partitions. The ticks partition falls
 * idle (1 s idleness) and the alerts move the watermark to 400: DbDown's flushes at 10, 70 and 130
 * are made, the one due at 190 waits (no input since the tick at 30), and DbDown's own resolve at
 * 300 ends the wait with a catch-up flush at 300 that pages the resolve. Then a tick stamped 200
 * arrives, as from a clock producer that lagged: both group subtasks meet it behind their
 * watermarks and apply it at 400 + 1.
 *
 * <p>Replay, with no idleness, meets the tick in time; applied at 200 it would end DbDown's wait
 * there, and the resolve would page at the flush of 320 instead of 300. Each group subtask that met
 * it late archived its time ({@code late_input}, stage {@value LateControls#STAGE}), and replay
 * applies it there: {@code replay --verify} finds the archive identical.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateTicksReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    private static long appliedAt(ArchiveRecord row) {
        try {
            return new ObjectMapper().readTree(row.payloadJson()).get("appliedAt").asLong();
        } catch (Exception e) {
            throw new AssertionError(row.payloadJson(), e);
        }
    }

    @Test
    void aTickMetBehindTheGroupStagesWatermarkReplaysIdentically() throws Exception {
        List<ArchiveRecord> live;
        String ticksTopic;
        try (LiveThenReplay run =
                LiveThenReplay.create(
                        FLINK, KAFKA, work, "late-ticks", "alert_state:\n  catch_up_after: 2m\n")) {
            ticksTopic = run.topic("ticks");
            run.ticks(0, 30);
            run.send("alerts", 0, 0, firing("DbDown", "db1", 0));
            run.send("alerts", 0, 300, resolved("DbDown", "db1", 0, 300));
            run.send("alerts", 0, 400, firing("HostDown", "host1", 400));
            run.send("alerts", 1, 400, firing("HostDown", "host2", 400));

            run.start();
            run.await(
                    "DbDown's incident resolved, committed",
                    () ->
                            run.committedIncident(
                                    u ->
                                            u.path("change").asText().equalsIgnoreCase("resolved")
                                                    && u.path("groupKey")
                                                            .asText()
                                                            .contains("DbDown")));

            run.ticks(200, 200);
            run.ticks(430, 520);
            run.await("the tick at 520 s archived", () -> run.archived(ArchiveKind.TICK) >= 7);
            live = run.stopWithDrain();

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("notification", n -> assertThat(n).isGreaterThan(1));
        }
        // Each group subtask that met the tick late archived the time it applied it from.
        List<ArchiveRecord> late =
                live.stream()
                        .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                        .filter(r -> LateControls.STAGE.equals(r.outcome()))
                        .toList();
        assertThat(late)
                .hasSizeBetween(1, FlinkMiniCluster.PARALLELISM)
                .allSatisfy(
                        r -> {
                            assertThat(r.eventTime()).isEqualTo(at(200));
                            assertThat(r.key()).startsWith("tick:" + ticksTopic + "/0/2|");
                            assertThat(appliedAt(r)).isBetween(at(300) + 1, at(400) + 1);
                        });
    }
}
