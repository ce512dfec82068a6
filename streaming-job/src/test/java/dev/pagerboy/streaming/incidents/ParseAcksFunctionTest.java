package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.INCIDENT;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MALLORY;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MINUTE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ack;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stateless ack checks, one test per rejection reason: each is archived ({@code ack} row with
 * the reason, besides the {@code ack_raw} row every record gets) and dead-lettered with the reason;
 * a good ack passes to the incident stage.
 */
class ParseAcksFunctionTest {

    private OneInputStreamOperatorTestHarness<RawInput, AckClaim> harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseAcksFunction(IncidentFixtures.ACK_CHECK));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private void send(RawInput input) throws Exception {
        harness.processElement(input, input.timestamp());
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private void assertRejected(String reason, String detail) {
        assertThat(harness.extractOutputValues()).isEmpty();
        List<ArchiveRecord> rows = side(SideOutputs.ARCHIVE);
        assertThat(rows)
                .extracting(ArchiveRecord::kind)
                .containsExactly(ArchiveKind.ACK_RAW, ArchiveKind.ACK);
        assertThat(rows.get(1).outcome()).isEqualTo(reason);
        assertThat(rows.get(1).id()).isEqualTo("ack:acks/0/0");
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("ack " + reason).contains(detail);
                            assertThat(d.topic()).isEqualTo("acks");
                        });
    }

    @Test
    void passesAGoodAckToTheIncidentStage() throws Exception {
        send(ack(0, T0, ALICE, INCIDENT));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.engineerName()).isEqualTo("alice");
                            assertThat(c.incidentId()).isEqualTo(INCIDENT);
                            assertThat(c.key()).isEqualTo(IncidentFixtures.KEY);
                        });
        assertThat(side(SideOutputs.ARCHIVE))
                .extracting(ArchiveRecord::kind)
                .containsExactly(ArchiveKind.ACK_RAW);
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void rejectsMalformedInput() throws Exception {
        send(ackRecord(0, T0, "{\"version\":\"pagerboy/v1\",\"kind\":\"ack\"}"));
        assertRejected("malformed", "ack: ");
    }

    @Test
    void rejectsABadSignature() throws Exception {
        // Mallory signs a text that names Alice: the signature recovers to Mallory's address.
        send(ackRecord(0, T0, ackJson(MALLORY, INCIDENT, AckAction.ACK, T0, ALICE)));
        assertRejected("bad_signature", "signed by " + IncidentFixtures.address(MALLORY));
    }

    @Test
    void rejectsASignerWhoIsNotOnTheRoster() throws Exception {
        send(ack(0, T0, MALLORY, INCIDENT));
        assertRejected("not_on_roster", IncidentFixtures.address(MALLORY));
    }

    @Test
    void rejectsAnAckedAtOutsideTheAllowedSkew() throws Exception {
        // Signed an hour before it was written: a stale text surfacing late.
        send(ackRecord(0, T0 + 60 * MINUTE, ackJson(BOB, INCIDENT, AckAction.ACK, T0, BOB)));
        assertRejected("outside_skew", "3600000 ms before");
    }

    @Test
    void rejectsAnIdThatCannotNameAnIncident() throws Exception {
        send(ack(0, T0, ALICE, "fp:1767225600000"));
        assertRejected("unknown_incident", "not an incident id");
        assertThat(side(SideOutputs.DEAD_LETTERS).get(0)).isInstanceOf(DeadLetter.class);
    }

    @Test
    void passesAPagerDutyAcknowledgeToTheLookupOfItsIncident() throws Exception {
        send(IncidentFixtures.pagerDuty(0, T0, "acknowledge", "r1", "db-1"));

        assertThat(harness.extractOutputValues()).as("not straight to incidents").isEmpty();
        assertThat(side(ParseAcksFunction.PAGERDUTY))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.fromPagerDuty()).isTrue();
                            assertThat(c.action()).isEqualTo(AckAction.ACK);
                            assertThat(c.engineerName()).isEqualTo("pagerduty");
                            assertThat(c.fingerprint()).matches("[0-9a-f]{16}");
                            assertThat(c.signatureHash()).startsWith("pagerduty:");
                        });
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aPagerDutyResolveResolves() throws Exception {
        send(IncidentFixtures.pagerDuty(0, T0, "resolve", "r1", "db-1"));

        assertThat(side(ParseAcksFunction.PAGERDUTY))
                .singleElement()
                .extracting(AckClaim::action)
                .isEqualTo(AckAction.RESOLVE);
    }

    @Test
    void rejectsAPagerDutyTriggerOnTheAcksTopic() throws Exception {
        send(
                ackRecord(
                        0,
                        T0,
                        "{\"routing_key\":\"r1\",\"event_action\":\"trigger\",\"dedup_key\":"
                                + "\"db-1\",\"payload\":{\"summary\":\"db down\",\"source\":"
                                + "\"db-1\",\"severity\":\"critical\"}}"));
        assertRejected("malformed", "belongs on the alerts topic");
    }

    @Test
    void rejectsAPagerDutyAcknowledgeWithoutDedupKey() throws Exception {
        send(ackRecord(0, T0, "{\"routing_key\":\"r1\",\"event_action\":\"acknowledge\"}"));
        assertRejected("malformed", "dedup_key missing");
    }
}
