package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which ROMs the archived decisions ran: the streaming fast path and the tree fallback agree. */
class HandlerProgramsTest {

    @Test
    void readsTheRomOfEachDecisionRowByRoute() {
        List<ArchiveRecord> rows =
                List.of(
                        decision(
                                Map.of(
                                        "romRouteId",
                                        "{}/{team=\"db\"}/0",
                                        "romSha256",
                                        "aa",
                                        "decision",
                                        Map.of("routeId", "x", "summary", "s"),
                                        "routes",
                                        List.of(Map.of("routeId", "r", "groupKey", "g")))),
                        decision(Map.of("romRouteId", "{}", "romSha256", "bb")),
                        decision(Map.of("romRouteId", "{}", "romSha256", "cc")),
                        // No route matched: no ROM ran, nothing to compare.
                        decision(Map.of("romRouteId", "", "romSha256", "")),
                        decision(Map.of("verdict", "suppressed_repeat")));

        assertThat(HandlerPrograms.archived(rows))
                .isEqualTo(Map.of("{}/{team=\"db\"}/0", Set.of("aa"), "{}", Set.of("bb", "cc")));
    }

    @Test
    void aVersionOneHandlerRowIsReadByTheTreeFallback() {
        List<ArchiveRecord> rows =
                List.of(
                        decision(
                                Map.of(
                                        "handler",
                                        Map.of("rom_route_id", "{}", "rom_sha256", "dd"))));

        assertThat(HandlerPrograms.archived(rows)).isEqualTo(Map.of("{}", Set.of("dd")));
    }

    private static ArchiveRecord decision(Map<String, Object> payload) {
        return ArchiveRecord.decision(
                "decision:alerts/0/" + payload.hashCode(),
                ArchiveKind.DECISION,
                0L,
                "fp",
                "new_firing",
                payload);
    }
}
