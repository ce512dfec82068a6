package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Import;

/**
 * {@code sql} and {@code report volume} on the archive the job wrote ({@link JobArchive}: 3 alerts
 * in hour 10, 3 in hour 11 of 2026-12-01, one of them not JSON; a DiskFull group to {@code oncall},
 * a HostDown group to {@code pager-critical}).
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest(terminalWidth = 160, terminalHeight = 60)
@Import(AuditShellTestBase.StartedWithArchive.class)
class SqlAndReportCommandsTest extends AuditShellTestBase {

    @TempDir Path out;

    @Test
    void sqlGroupsTheAlertsViewByHour() {
        String screen =
                (run(
                        "rows)",
                        "sql",
                        "SELECT hour, count(*) AS alerts FROM alerts GROUP BY hour"
                                + " ORDER BY hour"));
        assertThat(screen)
                .containsPattern("hour +alerts\n")
                .containsPattern(" +10 +3\n")
                .containsPattern(" +11 +3\n")
                .contains("(2 rows)");
    }

    @Test
    void viewsOfKindsNotYetWrittenAreEmptyNotErrors() {
        // The job writes no receipt_raw rows yet (the dispatcher's receipts are not an input).
        assertThat(run("(1 row)", "sql", "SELECT count(*) AS receipts FROM receipts"))
                .containsPattern("receipts\n-+\n +0\n");
        assertThat(run("(1 row)", "sql", "SELECT count(*) AS acks FROM acks"))
                .containsPattern("acks\n-+\n +0\n");
    }

    @Test
    void pagesViewHoldsBothRoutesPages() {
        String screen =
                (run("rows)", "sql", "SELECT DISTINCT outcome AS receiver FROM pages ORDER BY 1"));
        assertThat(screen).contains("oncall").contains("pager-critical");
    }

    @Test
    void sqlErrorShowsDuckDbsMessageAndPosition() {
        String screen = run("LINE 1", "sql", "SELECT kind FORM alerts");
        assertThat(screen)
                .contains("error: Parser Error: syntax error at or near \"alerts\"")
                .contains("LINE 1: SELECT kind FORM alerts")
                .contains("^")
                .doesNotContain("\tat ");
    }

    @Test
    void unknownColumnNamesTheColumn() {
        assertThat(run("error:", "sql", "SELECT nope FROM pages"))
                .contains("Binder Error")
                .contains("nope");
    }

    @Test
    void pagesThroughALongResult() {
        String screen =
                (run(
                        "next: --page 3",
                        "sql",
                        "SELECT event_time FROM archive WHERE kind = 'tick' ORDER BY 1",
                        "--page-size",
                        "5",
                        "--page",
                        "2"));
        assertThat(screen)
                .contains("2026-12-01T10:05:00Z")
                .contains("2026-12-01T10:09:00Z")
                .doesNotContain("2026-12-01T10:04:00Z")
                .contains("(rows 6-10 of 180; next: --page 3)");
    }

    @Test
    void writesTheWholeResultAsCsvAndJson() throws Exception {
        Path csv = out.resolve("alerts.csv");
        Path json = out.resolve("alerts.json");
        String query = "SELECT id, source_offset, raw FROM alerts ORDER BY source_offset";
        run("wrote 6 rows to " + csv, "sql", query, "--csv", csv.toString());
        run("wrote 6 rows to " + json, "sql", query, "--json", json.toString());

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("id,source_offset,raw");
        assertThat(lines.get(1)).startsWith("alert_raw:alerts/0/0,0,");
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertThat(rows).hasSize(6);
        assertThat(rows.get(5).get("source_offset").asLong()).isEqualTo(5);
        assertThat(new String(rows.get(5).get("raw").binaryValue(), "UTF-8")).isEqualTo("not json");
    }

    @Test
    void volumeByHourChartsAlertsPerHour() {
        String screen = run("2026-12-01 11:00", "report", "volume", "--by", "hour");
        assertThat(screen)
                .contains("Alerts received per event hour (UTC)")
                .containsPattern("2026-12-01 10:00 █+ +3 alerts, \\d+ pages")
                .containsPattern("2026-12-01 11:00 █+ +3 alerts, \\d+ pages");
    }

    @Test
    void volumeByRouteWritesAnHtmlChart() throws Exception {
        Path html = out.resolve("volume.html");
        String screen =
                (run("wrote", "report", "volume", "--by", "route", "--html", html.toString()));
        assertThat(screen).contains("Pages sent per route").containsPattern("█+ +\\d+ pages");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect");
        assertThat(page.split("<rect", -1).length - 1)
                .as("one bar per route")
                .isEqualTo(screen.split(" pages", -1).length - 1);
    }

    @Test
    void sqlViewsListsEveryViewWithWhatItHolds() {
        String screen = run("mutes", "sql", "views");
        for (dev.pagerboy.audit.archive.AuditView view :
                dev.pagerboy.audit.archive.AuditView.values()) {
            assertThat(screen).containsPattern("(?m)^" + view.viewName() + " +\\S");
        }
        assertThat(screen).contains("v1 archives kept these inside flush rows");
    }

    @Test
    void unknownVolumeDimensionSaysWhatIsExpected() {
        assertThat(run("error:", "report", "volume", "--by", "day"))
                .contains("error: --by: unknown dimension 'day' (expected hour or route)");
    }
}
