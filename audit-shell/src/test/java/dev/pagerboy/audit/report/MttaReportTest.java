package dev.pagerboy.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.CraftedIncidents;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.incident.IncidentFacts;
import dev.pagerboy.audit.incident.IncidentRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link MttaReport} on {@link CraftedIncidents}: the figures equal the hand-computed ones. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MttaReportTest {

    private static List<MttaGroup> report(MttaDimension by, Path config) throws Exception {
        AuditSettings settings =
                new AuditSettings(CraftedIncidents.dir(), config, null, null, false);
        try (ArchiveSession session = new ArchiveSession(settings)) {
            return new MttaReport(new IncidentRecords(session), settings).by(by, Long.MIN_VALUE);
        }
    }

    @Test
    void byRouteEqualsTheHandComputedFigures() throws Exception {
        assertThat(report(MttaDimension.ROUTE, null))
                .containsExactly(
                        new MttaGroup("db", 5, 4, 3, 190_000, 120_000, 400_000, 400_000),
                        new MttaGroup("web", 1, 1, 1, 30_000, 30_000, 30_000, 30_000));
    }

    @Test
    void byEngineerCountsEachIncidentsFirstAck() throws Exception {
        assertThat(report(MttaDimension.ENGINEER, null))
                .containsExactly(
                        new MttaGroup("alice", 2, 2, 2, 120_000, 60_000, 180_000, 180_000),
                        new MttaGroup("bob", 2, 2, 1, 260_000, 120_000, 400_000, 400_000),
                        new MttaGroup("carol", 1, 1, 1, 30_000, 30_000, 30_000, 30_000));
    }

    @Test
    void byTeamReadsTheReceiversTeamsFromTheConfig() throws Exception {
        Path config = Path.of(getClass().getResource("/audit-test.yaml").toURI());
        assertThat(report(MttaDimension.TEAM, config))
                .containsExactly(new MttaGroup("ops", 6, 5, 4, 158_000, 120_000, 400_000, 400_000));
        assertThatThrownBy(() -> report(MttaDimension.TEAM, null))
                .hasMessageContaining("--config pagerboy.yaml");
    }

    @Test
    void incidentFactsTakeTheFirstAckAndTheSecondLevel() throws Exception {
        AuditSettings settings = new AuditSettings(CraftedIncidents.dir(), null, null, null, false);
        try (ArchiveSession session = new ArchiveSession(settings)) {
            List<IncidentFacts> all = new IncidentRecords(session).since(Long.MIN_VALUE);
            assertThat(all).hasSize(6);
            IncidentFacts i4 = all.get(3);
            assertThat(i4.incidentId()).isEqualTo(CraftedIncidents.id("I4"));
            assertThat(i4.receiver()).isEqualTo("oncall");
            assertThat(i4.timeToAck()).isEqualTo(400_000);
            assertThat(i4.ackedBeforeEscalation()).isFalse();
            assertThat(i4.status()).isEqualTo("acknowledged");
            assertThat(all.get(4).acknowledged()).isFalse();
            assertThat(all.get(4).status()).isEqualTo("triggered");
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] times = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(MttaReport.percentile(times, 50)).isEqualTo(50);
        assertThat(MttaReport.percentile(times, 90)).isEqualTo(90);
        assertThat(MttaReport.percentile(times, 99)).isEqualTo(100);
        assertThat(MttaReport.percentile(new long[0], 50)).isEqualTo(-1);
    }
}
