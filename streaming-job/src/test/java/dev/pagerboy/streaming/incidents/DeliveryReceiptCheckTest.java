package dev.pagerboy.streaming.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receipts input's parse stage: every record is archived verbatim ({@code receipt_raw}); a
 * failed delivery of an incident's page goes on to the incident stage; a delivered one stops here;
 * a malformed one is a dead letter with the reason.
 */
class DeliveryReceiptCheckTest {

    private static final String INCIDENT = IncidentFixtures.INCIDENT;
    private OneInputStreamOperatorTestHarness<RawInput, FailedDelivery> harness;
    private long offset;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseReceiptsFunction(new DeliveryReceiptCheck()));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private RawInput record(String json) {
        return new RawInput(
                "receipts", 1, offset++, 5_000L, null, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String receipt(String key, String incident, String outcome) {
        return "{\"idempotencyKey\":\""
                + key
                + "\",\"incidentId\":\""
                + incident
                + "\",\"receiver\":\"phones\",\"outcome\":\""
                + outcome
                + "\",\"reason\":\"http 400: bad request\",\"attempts\":3,\"latencyMs\":80,"
                + "\"replica\":2,\"deliveredAt\":5000}";
    }

    private void send(RawInput in) throws Exception {
        harness.processElement(in, in.timestamp());
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void passesAFailedDeliveryWithItsStepAndArchivesTheRecord() throws Exception {
        RawInput in = record(receipt(INCIDENT + "/2/bob", INCIDENT, "failed"));
        send(in);

        FailedDelivery failure = harness.extractOutputValues().get(0);
        assertThat(failure.incidentId()).isEqualTo(INCIDENT);
        assertThat(failure.step()).isEqualTo(2);
        assertThat(failure.reason()).isEqualTo("http 400: bad request");
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(failure.input()).isEqualTo(in);
        ArchiveRecord row = side(SideOutputs.ARCHIVE).get(0);
        assertThat(row.kind()).isEqualTo(ArchiveKind.RECEIPT_RAW);
        assertThat(row.id()).isEqualTo("receipt_raw:receipts/1/0");
        assertThat(row.raw()).isEqualTo(in.value());
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aDeliveredReceiptIsOnlyArchived() throws Exception {
        send(record(receipt(INCIDENT + "/1/alice", INCIDENT, "delivered")));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(SideOutputs.ARCHIVE)).hasSize(1);
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aFailedPageOfAGroupWithoutPolicyHasNoStep() throws Exception {
        send(record(receipt(INCIDENT + "-3", INCIDENT, "failed")));

        assertThat(harness.extractOutputValues().get(0).step()).isEqualTo(-1);
    }

    @Test
    void malformedReceiptsAreDeadLettersWithTheReason() throws Exception {
        send(record("{not json"));
        send(record("{\"incidentId\":\"" + INCIDENT + "\",\"outcome\":\"failed\"}"));
        send(record(receipt("k", INCIDENT, "lost")));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(SideOutputs.ARCHIVE)).hasSize(3);
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .extracting(DeadLetter::reason)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("receipt malformed: invalid JSON"),
                        r -> assertThat(r).isEqualTo("receipt malformed: idempotencyKey missing"),
                        r ->
                                assertThat(r)
                                        .isEqualTo(
                                                "receipt malformed: outcome 'lost' is not a receipt"
                                                        + " outcome (expected delivered or"
                                                        + " failed)"));
    }
}
