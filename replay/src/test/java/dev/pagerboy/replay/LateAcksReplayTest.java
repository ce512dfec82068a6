package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveThenReplay.at;
import static dev.pagerboy.replay.LiveThenReplay.firing;
import static dev.pagerboy.replay.LiveThenReplay.pagerDuty;
import static dev.pagerboy.replay.LiveThenReplay.resolved;
import static dev.pagerboy.replay.LiveThenReplay.second;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.CAROL;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acks and receipts that reach the live job behind its watermark replay bit for bit (#14/#17).
 *
 * <p>The live job (Kafka sources, MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1
 * s idleness) first reads alerts and ticks up to 600 s while the {@code acks} and {@code receipts}
 * topics are empty, so its watermark passes 440 s. Only then do acks and a failed receipt stamped
 * 20–100 s arrive, as when the acks consumer lags or the engineers' clients deliver late: the job
 * can only apply them at the next instant it has not decided, which scheduling picks. Then more
 * ticks, and a stop with drain (a bounded live run).
 *
 * <p>Replay holds its watermark at each archived input's own time. Before the fix it applied these
 * acks there, at 20–100 s, and decided differently (C's ack accepted instead of already resolved,
 * A's failed page escalating at once, D acknowledged at 90 s). Now the live job archives the time
 * it applied each late record at ({@code late_input}) and replay applies it there: {@code replay
 * --verify} finds the archive identical.
 *
 * <p>The story (seconds from T0; group_wait 10 s; policy {@code standard}: the primary schedule
 * (Alice), Bob after 2 m, the {@code ops} receiver after 2 more, then stop): A DbDown fires at 0; C
 * HostDown fires at 40 and resolves at 300; D is a PagerDuty trigger at 70. Late: a failed delivery
 * of A's first page at 20, Alice's ack of A at 60, Bob's ack of C at 100, Carol's ack of A at 95
 * (not on the policy), a PagerDuty acknowledge of D at 90.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateAcksReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void acksAppliedBehindTheWatermarkReplayIdentically() throws Exception {
        try (LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-acks")) {
            PagerBoyConfig config = run.config();
            String a = incidentId(config, Map.of("alertname", "DbDown"), 0);
            String c = incidentId(config, Map.of("alertname", "HostDown"), 40);

            run.send("alerts", 0, 0, firing("DbDown", "db1", 0));
            run.send("alerts", 1, 40, firing("HostDown", "host1", 40));
            run.send("alerts", 0, 70, pagerDuty("trigger", "db-9"));
            run.send("alerts", 1, 300, resolved("HostDown", "host1", 40, 300));
            run.ticks(0, 600);

            run.start();
            // The watermark has passed D's exhaustion (440 s) once it is committed.
            run.await(
                    "a committed incident update at 440 s or later",
                    () -> run.committedIncident(u -> u.get("eventTime").asLong() >= at(440)));

            run.send("receipts", 0, 20, receipt(a + "/1/alice", a));
            run.send("acks", 0, 60, ackJson(ALICE, a, AckAction.ACK, at(60), ALICE));
            run.send("acks", 1, 90, pagerDuty("acknowledge", "db-9"));
            run.send("acks", 1, 95, ackJson(CAROL, a, AckAction.ACK, at(95), CAROL));
            run.send("acks", 0, 100, ackJson(BOB, c, AckAction.ACK, at(100), BOB));
            run.ticks(630, 720);
            run.await("4 archived ack rows", () -> run.archived(ArchiveKind.ACK) >= 4);
            List<ArchiveRecord> live = run.stopWithDrain();

            Map<Integer, String> verdicts = new TreeMap<>();
            for (ArchiveRecord row : live) {
                if (row.kind() == ArchiveKind.ACK) {
                    verdicts.put(second(row.eventTime()), row.outcome());
                }
            }
            // Applied after C resolved at 350 and A's and D's policies ran out, whenever the job
            // met them: that is what the live job decided, and what replay must decide.
            assertThat(verdicts).containsEntry(100, "already_resolved").containsKeys(60, 90, 95);

            ReplayResult result = run.replayIdentical();
            assertThat(result.comparison().rowsPerKind())
                    .containsEntry("ack", 4)
                    .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(10));
            // Each late record's applied time was archived once, as an input.
            List<String> late =
                    live.stream()
                            .filter(r -> r.kind() == ArchiveKind.LATE_INPUT)
                            // ticks the group stage met late, if scheduling made any, are its own
                            .filter(r -> !LateControls.STAGE.equals(r.outcome()))
                            .map(r -> r.sourceTopic() + "@" + second(r.eventTime()))
                            .sorted()
                            .toList();
            String acks = run.topic("acks");
            assertThat(late)
                    .containsExactly(
                            acks + "@100",
                            acks + "@60",
                            acks + "@90",
                            acks + "@95",
                            run.topic("receipts") + "@20");
        }
    }

    /** A failed delivery in the receipt contract's JSON. */
    private static String receipt(String key, String incident) {
        return "{\"idempotencyKey\":\""
                + key
                + "\",\"incidentId\":\""
                + incident
                + "\",\"receiver\":\"phones\",\"outcome\":\"failed\",\"reason\":\"http 400:"
                + " refused\",\"attempts\":1,\"latencyMs\":5,\"replica\":0,\"deliveredAt\":0}";
    }

    /** The incident id the contract derives: hex16 of sha256(routeId|groupKey), group born at. */
    private static String incidentId(PagerBoyConfig config, Map<String, String> labels, int born)
            throws Exception {
        MatchedRoute route = config.routes().match(labels).get(0);
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(
                                (route.id() + "|" + RouteTree.groupKey(route, labels))
                                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8) + "-" + at(born);
    }
}
