package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveHistory.MINUTE;
import static dev.pagerboy.replay.LiveHistory.SECOND;
import static dev.pagerboy.replay.LiveHistory.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.live.EscalatingConfig;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * A history with escalations and an ack, archived by the pipeline. The route-by-label ROM gives
 * every alert the policy {@code standard}: the primary schedule (Alice this week) at once, Bob
 * after {@code secondStep}, the {@code ops} receiver 2 minutes later, then stop: the live incident
 * tests' {@link EscalatingConfig}.
 *
 * <ul>
 *   <li>DbDown at T0+1s: Alice paged at T0+11s, Bob at T0+2m11s (with the 2m second step), Bob
 *       acknowledges at T0+3m.
 *   <li>HostDown at T0+20s: nobody answers; with a 2m second step Alice, Bob and ops are paged, and
 *       the policy is exhausted.
 * </ul>
 *
 * Ticks run to T0+10m.
 */
final class EscalatedHistory {

    static final String ROUTE_BY_LABEL_SHA256 = EscalatingConfig.ROUTE_BY_LABEL_SHA256;

    /** The DbDown incident (incident ids do not depend on the policy's timing). */
    static final String DB_DOWN = incidentId("DbDown", T0 + SECOND);

    static final String HOST_DOWN = incidentId("HostDown", T0 + 20 * SECOND);

    private EscalatedHistory() {}

    /** Archives the history into {@code dir} under {@code config}. */
    static void archive(Path config, Path dir) throws Exception {
        long bobAcks = T0 + 3 * MINUTE;
        new LiveHistory()
                .firing(T0 + SECOND, "alertname", "DbDown", "instance", "db1")
                .firing(T0 + 20 * SECOND, "alertname", "HostDown", "instance", "h1")
                .ack(bobAcks, ackJson(BOB, DB_DOWN, AckAction.ACK, bobAcks, BOB))
                .ticksUntil(T0 + 10 * MINUTE)
                .archive(config, dir);
    }

    /** The incident id the contract derives: hex16 of sha256(routeId|groupKey), group born at. */
    private static String incidentId(String alertname, long bornAt) {
        try {
            Path file = Files.createTempFile("escalated", ".yaml");
            try {
                PagerBoyConfig config = PagerBoyConfig.load(config(file, "2m"));
                Map<String, String> labels = Map.of("alertname", alertname);
                MatchedRoute route = config.routes().match(labels).get(0);
                byte[] digest =
                        MessageDigest.getInstance("SHA-256")
                                .digest(
                                        (route.id() + "|" + RouteTree.groupKey(route, labels))
                                                .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8) + "-" + bornAt;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the configuration, with Bob's level {@code secondStep} after Alice's, to {@code file}.
     */
    static Path config(Path file, String secondStep) throws Exception {
        Files.writeString(
                file,
                EscalatingConfig.yaml("kafka:\n  bootstrap_servers: localhost:9092\n", secondStep));
        return file;
    }
}
