package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.at;
import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.resolved;
import static dev.pagerboy.replay.LiveThenReplay.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group flushes that reach the live job's incident stage behind its watermark replay bit for bit
 * (#17): the cause of the demo's non-identical replays under load (docs/REPLAY.md, "Late flushes").
 *
 * <p>The incident stage reads the clock twice: through the group stage (whose flushes and
 * watermarks come after every alert and tick before them), and directly, as the broadcast that
 * tells it where a bounded input ends. When every input of the job has been idle for the idle
 * timeout (no alert and no tick for a second: a starved machine, or a producer that pauses), every
 * stage is idle, and the next tick reaches the incident stage one network hop before the group has
 * fired the flushes it makes due. The incident stage's watermark jumps to the tick, and it meets
 * those flushes behind it: it can only apply them at {@code watermark + 1}, a time that scheduling
 * picked. Replay, with no idleness, meets them in time and applied them at their own times: before
 * the fix a HostDown incident was triggered and resolved at 901 s live, and at 50 and 350 s, with
 * two escalations in between, in replay.
 *
 * <p>The story (seconds from T0; group_wait 10 s, group_interval 1 m): DbDown fires at 0, HostDown
 * at 40 and resolves at 300, all read while the clock stands at 30. The job pages DbDown's group at
 * 10. Then every source falls idle, and one tick jumps the clock to 900, making HostDown's firing
 * (50 s) and resolved (350 s) flushes due at once. Now the incident stage archives the time it
 * applied each at ({@code late_input}, stage {@value LateFlushes#STAGE}) and replay applies them
 * there: {@code replay --verify} finds the archive identical.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateFlushesReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Longer than the job's idle timeout (1 s) with room for the metric's refresh. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir Path work;

    @Test
    void flushesMetBehindTheIncidentStagesWatermarkReplayIdentically() throws Exception {
        try (LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-flushes")) {
            run.send("alerts", 0, 0, firing("DbDown", "db1", 0));
            run.send("alerts", 1, 40, firing("HostDown", "host1", 40));
            run.send("alerts", 1, 300, resolved("HostDown", "host1", 40, 300));
            run.ticks(0, 30);

            run.start();
            run.await(
                    "DbDown's incident triggered at 10 s, committed",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(10)));
            run.awaitSourcesQuietFor(QUIET);

            run.ticks(900, 900);
            // The flushes met late wait at 900 s + 1 ms: the next ticks move the clock past it.
            run.ticks(930, 990);
            run.await(
                    "HostDown's incident resolved, committed",
                    () ->
                            run.committedIncident(
                                    u ->
                                            u.path("change").asText().equalsIgnoreCase("resolved")
                                                    && u.path("groupKey")
                                                            .asText()
                                                            .contains("HostDown")));
            run.await("the tick at 990 s archived", () -> run.archived(ArchiveKind.TICK) >= 6);
            List<ArchiveRecord> live = run.stopWithDrain();

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(4));
            // Which stage met the jump first is the scheduler's choice: the group (its tick came
            // before dedup released HostDown's resolve) or the incident stage (its tick came
            // before the group fired HostDown's flushes). Either way it was recorded.
            List<String> late =
                    live.stream()
                            .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                            .map(r -> r.outcome() + "@" + second(r.eventTime()))
                            .sorted()
                            .toList();
            assertThat(late)
                    .as("the jump made an alert or a flush late after the alert path")
                    .containsAnyOf(
                            LateRoutedAlerts.STAGE + "@300",
                            LateFlushes.STAGE + "@50",
                            LateFlushes.STAGE + "@350");
        }
    }
}
