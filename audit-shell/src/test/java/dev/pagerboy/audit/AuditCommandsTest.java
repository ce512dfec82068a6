package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code ack verify}, {@code incident list/show} and {@code report mtta} through the shell, on the
 * screen: the shell starts on {@link AnchoredAcks}' archive and chain (a real Anvil); the incident
 * commands switch to {@link CraftedIncidents} or the job's archive ({@link JobArchive}) with {@code
 * archive open}.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest
@Import(AuditCommandsTest.StartedWithAcksAndChain.class)
class AuditCommandsTest extends AuditShellTestBase {

    /** {@code --archive} the anchored acks, {@code --rpc/--contract} their chain. */
    @TestConfiguration
    static class StartedWithAcksAndChain {
        @Bean
        AuditSettings auditSettings() throws Exception {
            return AnchoredAcks.settings();
        }
    }

    @Test
    void ackVerifyAllCountsAndRates() {
        String screen = run("calls/s", "ack", "verify", "--all");
        assertThat(screen)
                .contains("7 acks: 6 verified, 0 failed, 1 not anchored")
                .containsPattern("not anchored +ack:acks/0/6")
                .containsPattern("local check: 6 leaves recomputed and proved in .* acks/s")
                .contains("roots of 2 batches read from the chain")
                .containsPattern("contract verify view: 6 calls in .* calls/s");
    }

    @Test
    void ackVerifyOfOneIncidentListsEachAck() {
        String screen = run("calls/s", "ack", "verify", "--incident", AnchoredAcks.INCIDENT_A);
        assertThat(screen)
                .contains("3 acks: 3 verified, 0 failed, 0 not anchored")
                .containsPattern(
                        "verified +ack_receipt:0x[0-9a-f]{64} +" + AnchoredAcks.INCIDENT_A);
    }

    @Test
    void ackVerifyWithoutASelectionSaysWhatToGive() {
        assertThat(run("error:", "ack", "verify"))
                .contains("give one of ID, --incident ID or --all");
    }

    @Test
    void incidentListFiltersByRouteAndState() throws Exception {
        run("rows", "archive", "open", CraftedIncidents.dir().toString());
        String list =
                run("incidents)", "incident", "list", "--route", "db", "--state", "acknowledged");
        assertThat(list)
                .contains(CraftedIncidents.id("I1"))
                .contains(CraftedIncidents.id("I4"))
                .doesNotContain(CraftedIncidents.id("I5"))
                .doesNotContain(CraftedIncidents.id("I6"))
                .containsPattern(
                        CraftedIncidents.id("I4") + " +db +oncall +\\S+ +acknowledged +bob +6m40s")
                .contains("(4 incidents)");
    }

    @Test
    void incidentShowPrintsTheTimelineInOrder() throws Exception {
        run("rows", "archive", "open", CraftedIncidents.dir().toString());
        String id = CraftedIncidents.id("I4");
        String screen = run("acknowledged by bob", "incident", "show", id);
        assertThat(screen)
                .contains("incident " + id)
                .containsPattern("triggered on route db")
                .containsPattern("page to oncall \\(level 1, firing\\)")
                .containsPattern("escalated to level 2")
                .containsPattern("acknowledged by bob");
        assertThat(screen.indexOf("escalated to level 2"))
                .isLessThan(screen.indexOf("acknowledged by bob"));
    }

    @Test
    void incidentShowOfAJobWrittenIncident() throws Exception {
        run("rows", "archive", "open", JobArchive.dir().toString());
        String list = run("incident", "incident", "list");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("([0-9a-f]{16}-\\d+) ").matcher(list);
        assertThat(m.find()).as("an incident in " + list).isTrue();
        String screen = run("page to", "incident", "show", m.group(1));
        assertThat(screen).contains("triggered on route").contains("page to ");
    }

    @Test
    void incidentShowOfAnUnknownIdSaysHowToFindOne() {
        assertThat(run("error:", "incident", "show", "0000000000000000-1"))
                .contains("no incident 0000000000000000-1 in the archive (incident list");
    }

    @Test
    void reportMttaByRouteShowsBarsAndPercentiles() throws Exception {
        run("rows", "archive", "open", CraftedIncidents.dir().toString());
        String screen = run("acked before escalation", "report", "mtta", "--by", "route");
        assertThat(screen)
                .contains("Time to acknowledge by route (bar: p50)")
                .containsPattern("db +█+ +p50 2m00s")
                .containsPattern("db +5 +4 +3m10s +2m00s +6m40s +6m40s +3 of 5 \\(60%\\)")
                .containsPattern("web +1 +1 +30s +30s +30s +30s +1 of 1 \\(100%\\)");
    }

    @Test
    void reportMttaByAnUnknownDimensionSaysWhatIsExpected() {
        assertThat(run("error:", "report", "mtta", "--by", "day"))
                .contains("--by: unknown dimension 'day' (expected team, route, engineer)");
    }
}
