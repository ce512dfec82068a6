package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.INCIDENT;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MINUTE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ack;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.flush;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident stage's third input: a page the dispatcher gave up on escalates its incident to the
 * next level at the receipt's event time, once, and only while the incident is triggered at the
 * level the page belonged to. Policy {@code standard}: Alice (schedule) at once, Bob after 5 min,
 * Carol and the critical pager 10 min after that.
 */
class FailedDeliveryEscalationTest {

    private static final long FLUSH = T0 + 30_000L;

    private KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> harness;
    private long offset;

    @BeforeEach
    void start() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification>
            newHarness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new IncidentFunction(
                                IncidentFixtures.POLICIES,
                                IncidentFixtures.SCHEDULES,
                                IncidentFixtures.ROSTER,
                                Duration.ofHours(1)),
                        List.of(IncidentFunction.CLOCK)),
                IncidentSignal::key,
                Types.STRING,
                1,
                1,
                0);
    }

    /** A receipt record saying the page {@code key} failed, written at {@code time}. */
    private RawInput failedReceipt(String key, long time) {
        String json =
                "{\"idempotencyKey\":\""
                        + key
                        + "\",\"incidentId\":\""
                        + INCIDENT
                        + "\",\"receiver\":\"phone-alice\",\"outcome\":\"failed\","
                        + "\"reason\":\"http 400\",\"attempts\":1,\"latencyMs\":12,"
                        + "\"replica\":0,\"deliveredAt\":"
                        + time
                        + "}";
        return new RawInput(
                "receipts", 0, offset++, time, null, json.getBytes(StandardCharsets.UTF_8));
    }

    private void sendFailure(String key, long time) throws Exception {
        DeliveryReceiptCheck.Result result =
                new DeliveryReceiptCheck().check(failedReceipt(key, time));
        assertThat(result.failure()).as("a failure that names an incident").isNotNull();
        harness.processElement(IncidentSignal.of(result.failure()), time);
    }

    private List<String> pages() {
        return harness.extractOutputValues().stream()
                .map(p -> p.step() + ":" + (p.engineer().isEmpty() ? p.receiver() : p.engineer()))
                .toList();
    }

    private List<String> changes() {
        var out = harness.getSideOutput(IncidentFunction.INCIDENTS);
        return out == null
                ? List.of()
                : out.stream()
                        .map(StreamRecord::getValue)
                        .map(u -> u.change().text() + "@" + (u.eventTime() - FLUSH) / 1000)
                        .toList();
    }

    @Test
    void aFailedPageOfTheCurrentLevelEscalatesAtTheReceiptsTime() throws Exception {
        harness.processElement(IncidentSignal.of(flush(1, FLUSH, "firing", "standard")), FLUSH);
        harness.watermark(FLUSH);
        assertThat(pages()).containsExactly("1:alice");

        sendFailure(INCIDENT + "/1/alice", FLUSH + 20_000);
        harness.watermark(FLUSH + 20_000);

        // Bob at +20 s instead of +5 min; level 3 is due 10 min after Bob was paged.
        assertThat(pages()).containsExactly("1:alice", "2:bob");
        assertThat(harness.extractOutputValues().get(1).eventTime()).isEqualTo(FLUSH + 20_000);
        assertThat(changes()).containsExactly("triggered@0", "escalated@0", "escalated@20");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the old +5 min timer is gone

        harness.watermark(FLUSH + 5 * MINUTE);
        assertThat(pages()).hasSize(2);
        harness.watermark(FLUSH + 20_000 + 10 * MINUTE);
        assertThat(pages()).containsExactly("1:alice", "2:bob", "3:carol", "3:pager-critical");
    }

    @Test
    void aSecondReceiptOfTheSameFailedPageEscalatesOnlyOnce() throws Exception {
        harness.processElement(IncidentSignal.of(flush(1, FLUSH, "firing", "standard")), FLUSH);
        harness.watermark(FLUSH);

        sendFailure(INCIDENT + "/1/alice", FLUSH + 20_000);
        harness.watermark(FLUSH + 20_000);
        // A dispatcher replica died after delivering: the page's receipt comes again.
        sendFailure(INCIDENT + "/1/alice", FLUSH + 40_000);
        harness.watermark(FLUSH + 40_000);

        assertThat(pages()).containsExactly("1:alice", "2:bob");
    }

    @Test
    void anAcknowledgedIncidentDoesNotEscalateOnAFailedPage() throws Exception {
        harness.processElement(IncidentSignal.of(flush(1, FLUSH, "firing", "standard")), FLUSH);
        harness.watermark(FLUSH + 5 * MINUTE); // Alice, then Bob
        RawInput bobAcks = ack(0, FLUSH + 6 * MINUTE, BOB, INCIDENT);
        harness.processElement(
                IncidentSignal.of(IncidentFixtures.ACK_CHECK.check(bobAcks).claim()),
                bobAcks.timestamp());
        // Bob's page failed at the same instant he acknowledged (from another device).
        sendFailure(INCIDENT + "/2/bob", FLUSH + 6 * MINUTE);
        harness.watermark(FLUSH + 6 * MINUTE);

        assertThat(changes()).endsWith("acknowledged@360");
        assertThat(pages()).containsExactly("1:alice", "2:bob");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aFailedPageOfAnEarlierLevelChangesNothing() throws Exception {
        harness.processElement(IncidentSignal.of(flush(1, FLUSH, "firing", "standard")), FLUSH);
        harness.watermark(FLUSH + 5 * MINUTE); // Alice, then Bob

        sendFailure(INCIDENT + "/1/alice", FLUSH + 6 * MINUTE);
        harness.watermark(FLUSH + 6 * MINUTE);

        assertThat(pages()).containsExactly("1:alice", "2:bob");
        assertThat(changes()).hasSize(3);
    }

    @Test
    void aFailedPageOfAnUnknownIncidentChangesNothing() throws Exception {
        sendFailure(INCIDENT + "/1/alice", FLUSH);
        harness.watermark(FLUSH);

        assertThat(pages()).isEmpty();
        assertThat(changes()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aBufferedFailureSurvivesASnapshotAndEscalatesAfterRestore() throws Exception {
        harness.processElement(IncidentSignal.of(flush(1, FLUSH, "firing", "standard")), FLUSH);
        harness.watermark(FLUSH);
        sendFailure(INCIDENT + "/1/alice", FLUSH + 20_000);
        OperatorSubtaskState snapshot = harness.snapshot(1L, FLUSH + 10_000);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.watermark(FLUSH + 20_000);

        assertThat(pages()).containsExactly("2:bob");
    }
}
