package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.at;
import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.pagerDuty;
import static dev.pagerboy.replay.LiveThenReplay.resolved;
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
 * Alerts that reach the live job's dedup stage behind its watermark replay bit for bit (#17, #22).
 *
 * <p>The live job (Kafka sources, MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1
 * s idleness) first reads four alerts (0–300 s, one partition, in order) with its clock held at 0
 * s, then ticks up to 600 s. Its alerts partitions fall idle, so the ticks alone move its watermark
 * past 440 s. Only then do three alerts stamped 100–200 s arrive on both partitions, as from a
 * producer that lagged: a new firing (DiskFull), the resolve of the DbDown that fired at 0, and a
 * second HostDown instance. Dedup can only decide them at the next instant it has not decided,
 * {@code watermark + 1}, which scheduling picks. Then more ticks, and a stop with drain (a bounded
 * live run).
 *
 * <p>Replay holds its watermark at each archived input's own time. Before the fix it decided these
 * alerts there, at 100–200 s: DiskFull's group was born 500 s earlier than live, DbDown's incident
 * resolved before its escalations. Now dedup archives the time it applied each late alert at
 * ({@code late_input}, stage {@code dedup}) and replay applies it there: {@code replay --verify}
 * finds the archive identical.
 *
 * <p>Why the clock waits for the early alerts: when ticks ran ahead while an alerts partition was
 * still being assigned (a slow start), one run decided DbDown late at 300 s, which replay
 * reproduced, and then the incident stage met the group's first flush behind its watermark too.
 * That is now recorded as well ({@code LateFlushesReplayTest}), but this test is about alerts and
 * keeps its late rows to dedup's.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateAlertsReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Alerts the job reads before the late ones, and the late ones. */
    private static final int EARLY_ALERTS = 4;

    private static final int LATE_ALERTS = 3;

    @TempDir Path work;

    @Test
    void alertsDecidedBehindTheWatermarkReplayIdentically() throws Exception {
        List<ArchiveRecord> live;
        try (LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-alerts")) {
            // The early alerts on one partition, in time order, and no tick past them until the
            // job has read them all: none of them can be late, however slowly the job starts.
            run.send("alerts", 0, 0, firing("DbDown", "db1", 0));
            run.send("alerts", 0, 40, firing("HostDown", "host1", 40));
            run.send("alerts", 0, 70, pagerDuty("trigger", "db-9"));
            run.send("alerts", 0, 300, resolved("HostDown", "host1", 40, 300));
            run.ticks(0, 0);

            run.start();
            run.await(
                    "the " + EARLY_ALERTS + " early alerts read",
                    () -> run.archived(ArchiveKind.ALERT_RAW) >= EARLY_ALERTS);
            run.ticks(30, 600);
            // D's policy runs out at 440 s: once that is committed, the watermark is past 440 s,
            // far past the late alerts' own times.
            run.await(
                    "a committed incident update at 440 s or later",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(440)));

            run.send("alerts", 0, 100, firing("DiskFull", "disk1", 100));
            run.send("alerts", 1, 150, firing("HostDown", "host2", 150));
            run.send("alerts", 0, 200, resolved("DbDown", "db1", 0, 200));
            run.ticks(630, 720);
            run.await(
                    "a decision row for each of the " + (EARLY_ALERTS + LATE_ALERTS) + " alerts",
                    () -> run.archived(ArchiveKind.DECISION) >= EARLY_ALERTS + LATE_ALERTS);
            live = run.stopWithDrain();
            // The late alerts were decided after the watermark they missed, not at their own
            // times.
            assertThat(
                            live.stream()
                                    .filter(r -> r.kind() == ArchiveKind.DECISION)
                                    .filter(r -> r.payloadJson().contains("lateByMillis"))
                                    .count())
                    .isEqualTo(LATE_ALERTS);

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .hasEntrySatisfying("decision", n -> assertThat(n).isGreaterThanOrEqualTo(7))
                    .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(10));
        }
        // Each late alert's applied time was archived once, as an input of the dedup stage. (The
        // ticks 30-270 s can reach the group stage behind the early alerts' watermark, 300 s, if
        // the ticks partition was idle meanwhile: those are recorded as the group stage's.)
        List<String> late =
                live.stream()
                        .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                        .filter(r -> !LateControls.STAGE.equals(r.outcome()))
                        .map(r -> r.outcome() + "@" + second(r.eventTime()))
                        .sorted()
                        .toList();
        assertThat(late).containsExactly("dedup@100", "dedup@150", "dedup@200");
    }
}
