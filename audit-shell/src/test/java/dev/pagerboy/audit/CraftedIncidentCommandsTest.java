package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.audit.render.MttaChartPixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code incident list}'s filters by team and "acknowledged late", and {@code report mtta}'s HTML
 * and PNG files, on {@link CraftedIncidents}, whose ack times are known: I4 alone was acknowledged
 * (at 400 s) after its level 2 was paged (at 300 s); I3 (180 s) and I4 were acknowledged more than
 * 150 s after opening; I6 is the only incident paged to pager-critical, team sre in {@code
 * audit-teams.yaml}. By route, db's p50 is 120 s and its p90 400 s (the chart's scale), web's p50
 * and p90 30 s.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest
@Import(CraftedIncidentCommandsTest.StartedWithCraftedIncidents.class)
class CraftedIncidentCommandsTest extends AuditShellTestBase {

    @TempDir Path work;

    /** {@code --archive} the crafted incidents, {@code --config} their receivers' teams. */
    @TestConfiguration
    static class StartedWithCraftedIncidents {
        @Bean
        AuditSettings auditSettings() throws Exception {
            Path config =
                    Path.of(
                            CraftedIncidentCommandsTest.class
                                    .getResource("/audit-teams.yaml")
                                    .toURI());
            return new AuditSettings(CraftedIncidents.dir(), config, null, null, false);
        }
    }

    @Test
    void lateListsOnlyTheIncidentAcknowledgedAfterItsEscalation() {
        String list = run("incident", "incident", "list", "--late");
        assertThat(list)
                .containsPattern(
                        CraftedIncidents.id("I4") + " +db +oncall +\\S+ +acknowledged +bob +6m40s")
                .contains("(1 incident)");
    }

    @Test
    void lateAfterListsTheIncidentsAcknowledgedSlowerThanTheLimit() {
        String list = run("incidents)", "incident", "list", "--late-after", "150s");
        assertThat(list)
                .contains(CraftedIncidents.id("I3"))
                .contains(CraftedIncidents.id("I4"))
                .doesNotContain(CraftedIncidents.id("I2"))
                .doesNotContain(CraftedIncidents.id("I5"))
                .contains("(2 incidents)");
    }

    @Test
    void teamListsTheIncidentsFirstPagedToThatTeam() {
        String sre = run("incident", "incident", "list", "--team", "sre");
        assertThat(sre).contains(CraftedIncidents.id("I6")).contains("(1 incident)");
        String ops = run("incident)", "incident", "list", "--team", "ops", "--state", "triggered");
        assertThat(ops).contains(CraftedIncidents.id("I5")).contains("(1 incident)");
    }

    @Test
    void lateAfterABadDurationSaysWhatIsExpected() {
        assertThat(run("error:", "incident", "list", "--late-after", "soon"))
                .contains("error: --late-after: bad duration \"soon\"");
    }

    @Test
    void reportMttaWritesTheChartAsHtmlWithTheFigures() throws Exception {
        Path html = work.resolve("mtta.html");
        String screen = run("wrote", "report", "mtta", "--by", "route", "--html", html.toString());
        assertThat(screen).contains("wrote " + html);
        // bars on the scale of the largest p90 (db, 400 s = 480 px): db p50 120 s, web 30 s
        assertThat(html)
                .content()
                .contains("<title>db: p50 2m00s, p90 6m40s</title>")
                .containsPattern("class=\"p90\" x=\"200\" y=\"\\d+\" width=\"480\"")
                .containsPattern("class=\"p50\" x=\"200\" y=\"\\d+\" width=\"144\"")
                .containsPattern("class=\"p50\" x=\"200\" y=\"\\d+\" width=\"36\"")
                .contains(
                        "<tr><td>db</td><td>5</td><td>4</td><td>3m10s</td><td>2m00s</td>"
                                + "<td>6m40s</td><td>6m40s</td><td>3 of 5 (60%)</td></tr>")
                .contains(
                        "<tr><td>web</td><td>1</td><td>1</td><td>30s</td><td>30s</td>"
                                + "<td>30s</td><td>30s</td><td>1 of 1 (100%)</td></tr>");
    }

    @Test
    void reportMttaWritesTheChartAsAPngWithBarsToScale() throws Exception {
        Path png = work.resolve("mtta.png");
        run("wrote", "report", "mtta", "--by", "route", "--png", png.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at " + png).isNotNull();
        assertThat(MttaChartPixels.p50Length(image, 0)).as("db p50 120 s").isEqualTo(144);
        assertThat(MttaChartPixels.p90Length(image, 0)).as("db p90 400 s").isEqualTo(480);
        assertThat(MttaChartPixels.p50Length(image, 1)).as("web p50 30 s").isEqualTo(36);
        assertThat(MttaChartPixels.p90Length(image, 1)).as("web p90 30 s").isEqualTo(36);
    }

    @Test
    void reportMttaToAFileThatCannotBeWrittenSaysWhichFile() {
        Path bad = work.resolve("no-such-dir/mtta.html");
        assertThat(run("error:", "report", "mtta", "--html", bad.toString()))
                .contains("error: cannot write " + bad);
    }
}
