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
 * An inhibition source change that reaches the live job's group stage behind its watermark replays
 * bit for bit (#17, docs/REPLAY.md "Late silences, ticks and inhibition sources").
 *
 * <p>The change comes from dedup's timer down the alert path, so the group stage meets it late only
 * when its watermark moved on without that path: here the alerts and ticks partitions fall idle
 * while a silence (of an alert that never fires) moves the group stage's watermark on. The story
 * (seconds from T0; group_wait 10 s, group_interval 1 m; DbDown inhibits HostDown): HostDown fires
 * at 0 and DbDown at 40, read while the clock stands at 30, so dedup holds DbDown. Every source
 * falls idle; a silence stamped 200 s moves the group stage to 200 s, which flushes HostDown at 70,
 * 130 and 190 s, uninhibited. Then a tick at 220 s lets dedup release DbDown: its change (firing
 * from 40 s) reaches the group stage behind its watermark, which applies it just after it, and
 * HostDown's flush at 250 s is the first it inhibits.
 *
 * <p>Replay, with no idleness, meets the change in time. Before the fix the live stage kept it at
 * 40 s, wrote no row, and replay inhibited HostDown from its flush at 70 s. Now each group subtask
 * that met it late archives its time ({@code late_input}, stage {@value LateControls#STAGE}, row
 * name {@code source:...}) and replay applies it there: {@code replay --verify} is identical.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateInhibitionReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Longer than the job's idle timeout (1 s) with room for the metric's refresh. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir Path work;

    private static String silenceOfNothing() {
        return """
                {"id":"nothing","matchers":[{"name":"alertname","value":"NeverFires",\
                "isRegex":false,"isEqual":true}],"startsAt":"2026-11-28T10:00:00Z",\
                "endsAt":"2026-11-28T12:00:00Z","createdBy":"alice","comment":"moves the clock"}""";
    }

    @Test
    void anInhibitionSourceMetBehindTheGroupStagesWatermarkReplaysIdentically() throws Exception {
        List<ArchiveRecord> live;
        try (LiveThenReplay run =
                LiveThenReplay.create(
                        FLINK,
                        KAFKA,
                        work,
                        "late-inhibition",
                        """
                        inhibit_rules:
                          - source_matchers: ['alertname="DbDown"']
                            target_matchers: ['alertname="HostDown"']
                        """)) {
            run.send("alerts", 0, 0, firing("HostDown", "host1", 0));
            run.send("alerts", 1, 40, firing("DbDown", "db1", 40));
            run.ticks(0, 30);

            run.start();
            run.await(
                    "HostDown's incident triggered at 10 s, committed",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(10)));
            run.awaitSourcesQuietFor(QUIET);

            run.send("silences", 0, 200, silenceOfNothing());
            run.await(
                    "HostDown's escalation to Bob (130 s), committed",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(130)));
            run.ticks(220, 400);
            run.await("HostDown inhibited", () -> run.archived(ArchiveKind.MUTE) >= 1);
            run.await("the tick at 400 s archived", () -> run.archived(ArchiveKind.TICK) >= 9);
            live = run.stopWithDrain();

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("mute", n -> assertThat(n).isGreaterThanOrEqualTo(1))
                    .hasEntrySatisfying("notification", n -> assertThat(n).isGreaterThan(1));
        }
        // Live, the change inhibited HostDown only from a flush after the watermark it missed.
        assertThat(
                        live.stream()
                                .filter(r -> r.kind() == ArchiveKind.MUTE)
                                .map(ArchiveRecord::eventTime)
                                .toList())
                .isNotEmpty()
                .allMatch(t -> t > at(190));
        List<ArchiveRecord> late =
                live.stream()
                        .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                        .filter(r -> LateControls.STAGE.equals(r.outcome()))
                        .filter(r -> r.key().startsWith("source:"))
                        .toList();
        assertThat(late)
                .hasSizeBetween(1, FlinkMiniCluster.PARALLELISM)
                .allSatisfy(r -> assertThat(second(r.eventTime())).isEqualTo(40));
    }
}
