package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.resolved;
import static dev.pagerboy.replay.LiveThenReplay.second;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * <p>The story (seconds from the round's start; group_wait 10 s, group_interval 1 m): DbDown fires
 * at 0, HostDown at 40 and resolves at 300, all read while the clock stands at 30. The job pages
 * DbDown's group at 10. Then every source falls idle, and one tick jumps the clock to 900, making
 * HostDown's resolved flush (350 s) due at once, and its firing one (50 s) too unless the idle
 * sources' last watermarks already released it. Now the stage that meets the jump first archives
 * the time it applied the alert or flush at ({@code late_input}) and replay applies it there:
 * {@code replay --verify} finds the archive identical.
 *
 * <p>Two things here are the scheduler's, not the test's, and the test is built around them:
 *
 * <ul>
 *   <li>How far the clock has run when the late alert is met. The group files it at its watermark +
 *       1 and flushes it a group interval later, so the clock keeps moving (a tick a second) until
 *       HostDown's incident is resolved, however late the alert was met.
 *   <li>Whether anything is met late at all. When the alert path wakes up before the tick's
 *       watermark reaches the group and the incident stage, both meet everything in time: correct,
 *       but not the case under test (about one run in seven on a quiet 2-core machine). So the
 *       story is told up to {@value #ROUNDS} times, each on fresh groups and a clock further on,
 *       until a round has made something late.
 * </ul>
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateFlushesReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Longer than the job's idle timeout (1 s) with room for the metric's refresh. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    /** How many times the story may be told before a round must have made something late. */
    private static final int ROUNDS = 4;

    /** Seconds between the starts of two rounds: past any clock a round's ticking can reach. */
    private static final int ROUND_SPAN = 20_000;

    @TempDir Path work;

    @Test
    void flushesMetBehindTheIncidentStagesWatermarkReplayIdentically() throws Exception {
        try (LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-flushes")) {
            List<String> late = List.of();
            List<String> markers = new ArrayList<>();
            for (int round = 0; round < ROUNDS && late.isEmpty(); round++) {
                int start = round * ROUND_SPAN;
                String db = "DbDown" + round;
                String host = "HostDown" + round;
                run.send("alerts", 0, start, firing(db, "db1", start));
                run.send("alerts", 1, start + 40, firing(host, "host1", start + 40));
                run.send(
                        "alerts", 1, start + 300, resolved(host, "host1", start + 40, start + 300));
                run.ticks(start, start + 30);
                markers.addAll(
                        List.of(
                                LateRoutedAlerts.STAGE + "@" + (start + 300),
                                LateFlushes.STAGE + "@" + (start + 50),
                                LateFlushes.STAGE + "@" + (start + 350)));

                if (round == 0) {
                    run.start();
                }
                run.await(
                        db + "'s incident triggered, committed",
                        () -> run.committedIncident(change(db, "triggered")));
                run.awaitSourcesQuietFor(QUIET);

                run.ticks(start + 900, start + 900);
                Clock clock = new Clock(run, start + 900);
                run.await(
                        host + "'s incident resolved, committed (a tick a second meanwhile)",
                        () ->
                                clock.tickedEverySecond()
                                        && run.committedIncident(change(host, "resolved")));
                // What was met late came before the resolve it led to, so its rows are committed
                // with the resolved incident's row at the latest.
                run.await(
                        host + "'s resolved incident archived",
                        () -> run.archivedIncident(change(host, "resolved")));
                late = lateMarkers(run.archivedRecords(), markers);
                System.out.printf("round %d of the story: met late %s%n", round, late);
            }
            assertThat(late)
                    .as(
                            "in %d rounds, the jump never made an alert or a flush late after the"
                                    + " alert path",
                            ROUNDS)
                    .isNotEmpty();

            List<ArchiveRecord> live = run.stopWithDrain();
            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(4));
            assertThat(lateMarkers(live, markers)).containsAll(late);
        }
    }

    /** An incident update of {@code alertname}'s group that made {@code change}. */
    private static Predicate<JsonNode> change(String alertname, String change) {
        return u ->
                u.path("change").asText().equalsIgnoreCase(change)
                        && u.path("groupKey").asText().contains("alertname=\"" + alertname + "\"");
    }

    /**
     * Which of {@code markers} ({@code stage@second}) the archive's {@code late_input} rows name.
     * Which stage met a jump first is the scheduler's choice: the group (its tick came before dedup
     * released HostDown's resolve) or the incident stage (its tick came before the group fired
     * HostDown's flushes). Either way it is recorded.
     */
    private static List<String> lateMarkers(List<ArchiveRecord> archive, List<String> markers) {
        return archive.stream()
                .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                .map(r -> r.outcome() + "@" + second(r.eventTime()))
                .filter(markers::contains)
                .sorted()
                .toList();
    }

    /** The live job's clock during a wait: one more tick, 30 s on, at most once a second. */
    private static final class Clock {
        private final LiveThenReplay run;
        private int second;
        private long lastTickNanos = System.nanoTime();

        Clock(LiveThenReplay run, int second) {
            this.run = run;
            this.second = second;
        }

        /** Sends the next tick if a second has passed since the last; always true. */
        boolean tickedEverySecond() throws Exception {
            if (System.nanoTime() - lastTickNanos >= 1_000_000_000L) {
                second += 30;
                run.ticks(second, second);
                lastTickNanos = System.nanoTime();
            }
            return true;
        }
    }
}
