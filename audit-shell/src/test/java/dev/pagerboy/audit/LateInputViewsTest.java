package dev.pagerboy.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.lateness.LateInput;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code late_input} rows of a real archive (the job's row builders, written by its Parquet
 * sink) in the shell's SQL views: {@code late_inputs} shows when each late alert, ack or receipt
 * was applied, and {@code inputs} lists them with the other inputs. The archive, from {@code T0}:
 *
 * <pre>
 * record        own time  applied at  by stage
 * alerts/0/0    0 s       440.001 s   dedup (the message's second alert, #1)
 * acks/0/0      20 s      -           (on time: no late_input row)
 * acks/0/1      30 s      440.001 s   incidents
 * acks/1/0      40 s      450.001 s   pagerduty-acks (a PagerDuty event)
 * receipts/0/0  50 s      440.001 s   incidents
 * </pre>
 *
 * As in {@code LateAcksReplayTest} and {@code LateAlertsReplayTest}, where the live job's watermark
 * passed 440 s before the late records arrived.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LateInputViewsTest {

    private static final long T0 = JobArchive.T0;

    /** The query docs/AUDIT.md shows under "Late alerts, acks and receipts". */
    private static final String DOCUMENTED_QUERY =
            """
            SELECT l.source_topic, l.outcome AS stage, l.event_time, l.applied_at, l.delay_ms,
                   decode(r.raw) AS record
            FROM late_inputs l JOIN inputs r USING (source_topic, source_partition, source_offset)
            WHERE r.kind IN ('alert_raw', 'ack_raw', 'receipt_raw')
            ORDER BY l.delay_ms DESC
            """;

    @TempDir Path dir;

    @Test
    void lateInputsViewShowsWhenEachLateRecordWasApplied() throws Exception {
        try (ArchiveDatabase db = ArchiveDatabase.open(archive())) {
            assertThat(
                            rows(
                                    db,
                                    "SELECT source_topic || '/' || source_partition || '/'"
                                            + " || source_offset, outcome,"
                                            + " epoch_ms(event_time) - "
                                            + T0
                                            + ", epoch_ms(applied_at) - "
                                            + T0
                                            + ", delay_ms FROM late_inputs ORDER BY 1"))
                    .containsExactly(
                            "acks/0/1 incidents 30000 440001 410001",
                            "acks/1/0 pagerduty-acks 40000 450001 410001",
                            "alerts/0/0 dedup 0 440001 440001",
                            "receipts/0/0 incidents 50000 440001 390001");
            // applied_at compares with event_time and with the other views' times as it is.
            assertThat(
                            rows(
                                    db,
                                    "SELECT DISTINCT typeof(applied_at) = typeof(event_time)"
                                            + " FROM late_inputs"))
                    .containsExactly("true");
        }
    }

    @Test
    void inputsViewListsLateInputsWithTheRecordsTheyAreAbout() throws Exception {
        try (ArchiveDatabase db = ArchiveDatabase.open(archive())) {
            assertThat(rows(db, "SELECT kind, count(*) FROM inputs GROUP BY kind ORDER BY kind"))
                    .containsExactly("ack_raw 3", "alert_raw 1", "late_input 4", "receipt_raw 1");
            // docs/AUDIT.md's query runs, and joins each late_input row to its record.
            assertThat(
                            rows(
                                    db,
                                    "SELECT source_topic, stage, delay_ms, record FROM ("
                                            + DOCUMENTED_QUERY
                                            + ")"))
                    .containsExactlyInAnyOrder(
                            "acks incidents 410001 {\"incidentId\":\"a\"}",
                            "acks pagerduty-acks 410001 {\"event_action\":\"acknowledge\"}",
                            "alerts dedup 440001 {\"labels\":{\"alertname\":\"DbDown\"}}",
                            "receipts incidents 390001 {\"outcome\":\"failed\"}");
        }
    }

    private Path archive() throws Exception {
        RawInput alert = input("alerts", 0, 0, 0, "{\"labels\":{\"alertname\":\"DbDown\"}}");
        RawInput onTime = input("acks", 0, 0, 20, "{\"incidentId\":\"a\"}");
        RawInput lateAck = input("acks", 0, 1, 30, "{\"incidentId\":\"a\"}");
        RawInput pagerDuty = input("acks", 1, 0, 40, "{\"event_action\":\"acknowledge\"}");
        RawInput receipt = input("receipts", 0, 0, 50, "{\"outcome\":\"failed\"}");
        List<ArchiveRecord> rows =
                List.of(
                        ArchiveRecord.rawAlert(alert),
                        ArchiveRecord.lateAlert(
                                parsed(alert, "#1"), LateInput.DEDUP.text(), T0 + 440_001),
                        ArchiveRecord.rawAck(onTime),
                        ArchiveRecord.rawAck(lateAck),
                        ArchiveRecord.lateInput(lateAck, LateInput.INCIDENTS.text(), T0 + 440_001),
                        ArchiveRecord.rawAck(pagerDuty),
                        ArchiveRecord.lateInput(
                                pagerDuty, LateInput.PAGERDUTY_ACKS.text(), T0 + 450_001),
                        ArchiveRecord.rawReceipt(receipt),
                        ArchiveRecord.lateInput(receipt, LateInput.INCIDENTS.text(), T0 + 440_001));
        AnchoredAcks.write(dir, rows);
        return dir;
    }

    /** One alert of {@code record}'s message, as the parser names it. */
    private static Alert parsed(RawInput record, String index) {
        return new Alert(
                "00000000000000aa",
                Alert.FIRING,
                Map.of("alertname", "DbDown"),
                Map.of(),
                record.timestamp(),
                0L,
                record.timestamp(),
                "alertmanager",
                null,
                record.sourceRef() + index);
    }

    private static RawInput input(
            String topic, int partition, long offset, long second, String json) {
        return new RawInput(
                topic, partition, offset, T0 + second * 1_000, new byte[0], json.getBytes(UTF_8));
    }

    /** Each result row as its cells joined by spaces. */
    private static List<String> rows(ArchiveDatabase db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    cells.add(r.getString(c));
                }
                out.add(String.join(" ", cells));
            }
        }
        return out;
    }
}
