package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.INCIDENT;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.KEY;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MINUTE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.pagerDuty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding the incident of a PagerDuty acknowledge/resolve event by the alert it names: from the
 * latest flush that carried the alert, whatever the order the two inputs arrive in; unknown alerts
 * are rejected with their reason; alerts are forgotten after retention; and the state survives a
 * snapshot and restore.
 */
class PagerDutyAckFunctionTest {

    private static final Duration RETENTION = Duration.ofHours(1);

    /** The alert that a PagerDuty event for dedup key db-1 in integration r1 names. */
    private static final String ALERT =
            IncidentFixtures.ACK_CHECK
                    .check(pagerDuty(0, T0, "acknowledge", "r1", "db-1"))
                    .claim()
                    .fingerprint();

    private KeyedTwoInputStreamOperatorTestHarness<String, IncidentAlert, AckClaim, AckClaim>
            harness;

    @BeforeEach
    void start() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, IncidentAlert, AckClaim, AckClaim>
            newHarness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new PagerDutyAckFunction(RETENTION)),
                IncidentAlert::fingerprint,
                AckClaim::fingerprint,
                Types.STRING);
    }

    private void carried(String fingerprint, String incident, long time) throws Exception {
        harness.processElement1(new IncidentAlert(fingerprint, incident, time), time);
    }

    private void event(RawInput input) throws Exception {
        AckClaim claim = IncidentFixtures.ACK_CHECK.check(input).claim();
        assertThat(claim).as("passes the stateless checks").isNotNull();
        assertThat(claim.fromPagerDuty()).isTrue();
        harness.processElement2(claim, input.timestamp());
    }

    private List<String> found() {
        return harness.extractOutputValues().stream()
                .map(c -> c.incidentId() + " " + c.action().word())
                .toList();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void findsTheIncidentOfTheLatestFlushThatCarriedTheAlert() throws Exception {
        String later = KEY + "-" + (T0 + 10 * MINUTE);
        carried(ALERT, INCIDENT, T0);
        carried(ALERT, later, T0 + 10 * MINUTE);
        event(pagerDuty(0, T0 + 11 * MINUTE, "acknowledge", "r1", "db-1"));
        assertThat(found()).isEmpty(); // waits for the watermark
        watermark(T0 + 11 * MINUTE);

        assertThat(found()).containsExactly(later + " ack");
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void anEventThatArrivesBeforeTheFlushOfItsTimeStillFindsIt() throws Exception {
        event(pagerDuty(0, T0 + MINUTE, "resolve", "r1", "db-1"));
        carried(ALERT, INCIDENT, T0 + MINUTE);
        watermark(T0 + MINUTE);

        assertThat(found()).containsExactly(INCIDENT + " resolve");
    }

    @Test
    void rejectsAnEventForAnAlertNoIncidentCarries() throws Exception {
        carried("00000000000000bb", INCIDENT, T0);
        event(pagerDuty(3, T0 + MINUTE, "acknowledge", "r1", "db-1"));
        watermark(T0 + MINUTE);

        assertThat(found()).isEmpty();
        List<ArchiveRecord> rows = side(SideOutputs.ARCHIVE);
        assertThat(rows).extracting(ArchiveRecord::kind).containsExactly(ArchiveKind.ACK);
        assertThat(rows.get(0).outcome()).isEqualTo("unknown_incident");
        assertThat(rows.get(0).id()).isEqualTo("ack:acks/0/3");
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .extracting(DeadLetter::reason)
                .asString()
                .startsWith("ack unknown_incident: no incident carries the alert");
    }

    @Test
    void forgetsAnAlertRetentionAfterItsLastFlush() throws Exception {
        carried(ALERT, INCIDENT, T0);
        watermark(T0 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        event(pagerDuty(0, T0 + RETENTION.toMillis() + MINUTE, "acknowledge", "r1", "db-1"));
        watermark(T0 + RETENTION.toMillis() + MINUTE);
        assertThat(found()).isEmpty();
        assertThat(side(SideOutputs.ARCHIVE))
                .extracting(ArchiveRecord::outcome)
                .containsExactly("unknown_incident");
    }

    @Test
    void restoresKnownAlertsAndWaitingEventsFromASnapshot() throws Exception {
        carried(ALERT, INCIDENT, T0);
        event(pagerDuty(0, T0 + MINUTE, "acknowledge", "r1", "db-1"));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2); // cleanup, the waiting event
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // alert, pending

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        watermark(T0 + MINUTE);

        assertThat(found()).containsExactly(INCIDENT + " ack");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the alert's cleanup
    }

    private void watermark(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
    }
}
