package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.ingest.SilenceParser;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseSilencesFunctionTest extends AlertTestBase {

    private OneInputStreamOperatorTestHarness<RawInput, GroupControl> harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseSilencesFunction(new SilenceParser()));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static RawInput record(long offset, String json) {
        return new RawInput("silences", 0, offset, T0, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAnAlertmanagerSilenceAndArchivesIt() throws Exception {
        harness.processElement(
                record(
                        0,
                        "{\"id\":\"maint\",\"matchers\":[\"team=\\\"db\\\"\"],"
                                + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-01T02:00:00Z\","
                                + "\"createdBy\":\"alice\",\"comment\":\"db upgrade\"}"),
                T0);

        assertThat(harness.extractOutputValues()).hasSize(1);
        GroupControl control = harness.extractOutputValues().get(0);
        assertThat(control.silence().id()).isEqualTo("maint");
        assertThat(control.silence().eventTime()).isEqualTo(T0);
        assertThat(archiveRows(harness))
                .extracting(r -> r.kind().text(), ArchiveRecord::outcome, ArchiveRecord::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("silence", "accepted", "maint"));
    }

    @Test
    void rejectsAnInvalidSilenceAsADeadLetterButStillArchivesTheInput() throws Exception {
        harness.processElement(record(1, "{\"id\":\"x\"}"), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS)).hasSize(1);
        assertThat(archiveRows(harness))
                .extracting(r -> r.kind().text(), ArchiveRecord::outcome)
                .first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("silence", "rejected"));
        assertThat(archiveRows(harness)).extracting(r -> r.kind().text()).contains("dead_letter");
    }
}
