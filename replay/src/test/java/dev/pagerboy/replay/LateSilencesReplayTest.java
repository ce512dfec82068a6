package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.at;
import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.second;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A silence that reaches the live job's group stage behind its watermark replays bit for bit (#17,
 * docs/REPLAY.md "Late silences and ticks").
 *
 * <p>The live job (Kafka sources, MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1
 * s idleness) reads DbDown firing at 0 s; its group (group_wait 10 s, group_interval 1 m) flushes
 * at 10, 70, 130, ... and its incident escalates at 10, 130 and 250 s. The {@code silences} topic
 * is idle while the ticks move the clock on. Once the step at 250 s is committed (so every stage's
 * watermark is past 250 s), a silence of DbDown stamped 100 s arrives, as from a producer that
 * lagged: both group subtasks meet it behind their watermarks. The flushes at 130–250 s were made
 * without it and stay made; the next flush mutes DbDown.
 *
 * <p>Replay holds its watermark at each input's own time, so before the fix it applied the silence
 * from 100 s: DbDown's {@code mute} row at 130 s instead of after 250 s, and the pages of the
 * flushes in between changed. Now each group subtask that met it late archives the time it applied
 * it from ({@code late_input}, stage {@value LateControls#STAGE}, one row per subtask) and replay
 * applies it there on the subtask of the same index: {@code replay --verify} finds the archive
 * identical.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateSilencesReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    private static String silenceOfDbDown() {
        return """
                {"id":"maint-db","matchers":[{"name":"alertname","value":"DbDown",\
                "isRegex":false,"isEqual":true}],"startsAt":"2026-11-28T10:00:00Z",\
                "endsAt":"2026-11-28T12:00:00Z","createdBy":"alice","comment":"DB maintenance"}""";
    }

    @Test
    void aSilenceMetBehindTheGroupStagesWatermarkReplaysIdentically() throws Exception {
        List<ArchiveRecord> live;
        try (LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-silences")) {
            run.send("alerts", 0, 0, firing("DbDown", "db1", 0));
            run.ticks(0, 0);

            run.start();
            run.await("DbDown read", () -> run.archived(ArchiveKind.ALERT_RAW) >= 1);
            run.ticks(30, 600);
            run.await(
                    "DbDown's third escalation step (250 s), committed",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(250)));

            run.send("silences", 0, 100, silenceOfDbDown());
            run.ticks(630, 720);
            run.await("DbDown muted by the silence", () -> run.archived(ArchiveKind.MUTE) >= 1);
            live = run.stopWithDrain();

            // Live, the silence muted DbDown only from a flush after the watermark it missed.
            List<Long> muted =
                    live.stream()
                            .filter(r -> r.kind() == ArchiveKind.MUTE)
                            .map(ArchiveRecord::eventTime)
                            .toList();
            assertThat(muted).isNotEmpty().allMatch(t -> t > at(250));

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("mute", n -> assertThat(n).isGreaterThanOrEqualTo(1))
                    .hasEntrySatisfying("notification", n -> assertThat(n).isGreaterThan(1));
        }
        // Each group subtask that met the silence late archived the time it applied it from (other
        // late rows, if scheduling made any, are recorded and replayed as before).
        List<ArchiveRecord> late =
                live.stream()
                        .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                        .filter(r -> LateControls.STAGE.equals(r.outcome()))
                        .toList();
        assertThat(late)
                .hasSizeBetween(1, FlinkMiniCluster.PARALLELISM)
                .allSatisfy(
                        r -> {
                            assertThat(second(r.eventTime())).isEqualTo(100);
                            assertThat(r.key()).startsWith("silence:maint-db|" + at(100) + "|");
                        });
    }
}
