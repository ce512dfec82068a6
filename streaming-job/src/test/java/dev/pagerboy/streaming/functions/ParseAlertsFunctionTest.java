package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseAlertsFunctionTest extends AlertTestBase {

    private TwoInputStreamOperatorTestHarness<RawInput, Tick, Alert> harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forCoProcessFunction(
                        new ParseAlertsFunction(new AlertParser()));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static RawInput record(long offset, String json) {
        return new RawInput("alerts", 0, offset, T0, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void turnsAWebhookMessageIntoOneAlertPerEntryAndArchivesTheRecordOnce() throws Exception {
        String webhook =
                "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"groupKey\":\"g\","
                        + "\"alerts\":["
                        + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},"
                        + "\"annotations\":{},\"startsAt\":\"2026-01-01T00:00:00Z\"},"
                        + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"B\"},"
                        + "\"annotations\":{},\"startsAt\":\"2026-01-01T00:00:00Z\"}]}";

        harness.processElement1(record(5, webhook), T0);

        assertThat(harness.extractOutputValues())
                .extracting(a -> a.labels().get("alertname"))
                .containsExactly("A", "B");
        assertThat(archiveRows(harness))
                .extracting(r -> r.kind().text())
                .containsExactly("alert_raw");
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS)).isNull();
    }

    @Test
    void sendsAnUnparseableRecordToTheDeadLettersWithItsReason() throws Exception {
        harness.processElement1(record(6, "{not json"), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        DeadLetter letter =
                harness.getSideOutput(SideOutputs.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .findFirst()
                        .orElseThrow();
        assertThat(letter.reason()).startsWith("invalid JSON");
        assertThat(letter.offset()).isEqualTo(6L);
        assertThat(archiveRows(harness))
                .extracting(r -> r.kind().text())
                .containsExactly("alert_raw", "dead_letter");
    }

    @Test
    void archivesTicksAndLetsTheirWatermarkThrough() throws Exception {
        harness.processElement2(new Tick(ONE_MINUTE_LATER), ONE_MINUTE_LATER);
        harness.processWatermark1(
                new org.apache.flink.streaming.api.watermark.Watermark(ONE_MINUTE_LATER));
        harness.processWatermark2(
                new org.apache.flink.streaming.api.watermark.Watermark(ONE_MINUTE_LATER));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(archiveRows(harness))
                .containsExactly(ArchiveRecord.tick(new Tick(ONE_MINUTE_LATER)));
        assertThat(harness.getOutput())
                .contains(new org.apache.flink.streaming.api.watermark.Watermark(ONE_MINUTE_LATER));
    }
}
