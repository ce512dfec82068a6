package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.CAROL;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.INCIDENT;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.KEY;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MINUTE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.SECOND;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ack;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.act;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.flush;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.pagerDuty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident stage on a keyed (broadcast) operator harness: lifecycle, every stateful ack
 * rejection, escalation through three levels, repeat, final action, an ack stopping escalation, and
 * a snapshot/restore in the middle of an escalation; with state entries and timers asserted.
 */
class IncidentFunctionTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final long FLUSH = T0 + 30 * SECOND;

    private KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> harness;

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
        return newHarness(LateFlushes.NONE);
    }

    private static KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification>
            newHarness(LateFlushes recorded) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new IncidentFunction(
                                IncidentFixtures.POLICIES,
                                IncidentFixtures.SCHEDULES,
                                IncidentFixtures.ROSTER,
                                RETENTION,
                                recorded),
                        List.of(IncidentFunction.CLOCK)),
                IncidentSignal::key,
                Types.STRING,
                1,
                1,
                0);
    }

    private void send(Notification flush) throws Exception {
        harness.processElement(IncidentSignal.of(flush), flush.eventTime());
    }

    private void send(RawInput ack) throws Exception {
        AckCheck.Result checked = IncidentFixtures.ACK_CHECK.check(ack);
        assertThat(checked.claim()).as("passes the stateless checks").isNotNull();
        harness.processElement(IncidentSignal.of(checked.claim()), ack.timestamp());
    }

    private void watermark(long time) throws Exception {
        harness.watermark(time);
    }

    private List<Notification> pages() {
        return harness.extractOutputValues();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private List<IncidentUpdate> updates() {
        return side(IncidentFunction.INCIDENTS);
    }

    private List<String> changes() {
        return updates().stream().map(u -> u.change().text() + "@" + u.level()).toList();
    }

    private List<String> ackVerdicts() {
        return side(SideOutputs.ARCHIVE).stream()
                .filter(r -> r.kind() == ArchiveKind.ACK)
                .map(ArchiveRecord::outcome)
                .toList();
    }

    private List<String> pageTargets() {
        return pages().stream()
                .map(p -> p.level() + ":" + (p.engineer().isEmpty() ? p.receiver() : p.engineer()))
                .toList();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    // --- lifecycle -------------------------------------------------------------------------

    @Test
    void aNotifyingFlushWithoutPolicyOpensAnIncidentAndPagesTheReceiver() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        assertThat(pages()).isEmpty(); // buffered until the watermark passes the flush
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(FLUSH);

        assertThat(pages()).hasSize(1);
        Notification page = pages().get(0);
        assertThat(page.incidentId()).isEqualTo(INCIDENT);
        assertThat(page.idempotencyKey()).isEqualTo(INCIDENT + "-1");
        assertThat(page.receiver()).isEqualTo("oncall");
        assertThat(page.level()).isZero();
        assertThat(updates())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.change()).isEqualTo(IncidentChange.TRIGGERED);
                            assertThat(u.status()).isEqualTo(IncidentStatus.TRIGGERED);
                            assertThat(u.sequence()).isEqualTo(1);
                            assertThat(u.eventTime()).isEqualTo(FLUSH);
                        });
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isEqualTo(2); // the incident and the open id
    }

    @Test
    void laterFlushesUpdateTheOpenIncidentAndAResolvedFlushResolvesIt() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(flush(2, FLUSH + 5 * MINUTE, "firing", ""));
        send(flush(3, FLUSH + 10 * MINUTE, "resolved", ""));
        watermark(FLUSH + 10 * MINUTE);

        assertThat(pages()).extracting(Notification::incidentId).containsOnly(INCIDENT);
        assertThat(pages())
                .extracting(Notification::status)
                .containsExactly("firing", "firing", "resolved");
        assertThat(changes()).containsExactly("triggered@0", "resolved@0");
        assertThat(updates().get(1).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the cleanup
        assertThat(keyedStateEntries()).isEqualTo(1); // the resolved incident, kept a while

        watermark(FLUSH + 10 * MINUTE + RETENTION.toMillis());

        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aGroupThatFiresAgainAfterItsIncidentWasResolvedOpensANewIncident() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(act(0, FLUSH + MINUTE, ALICE, INCIDENT, AckAction.RESOLVE));
        send(flush(2, FLUSH + 5 * MINUTE, "firing", ""));
        watermark(FLUSH + 5 * MINUTE);

        String reopened = KEY + "-" + (FLUSH + 5 * MINUTE);
        assertThat(updates())
                .extracting(u -> u.incidentId() + " " + u.change().text())
                .containsExactly(
                        INCIDENT + " triggered", INCIDENT + " resolved", reopened + " triggered");
        assertThat(updates().get(1).engineer()).isEqualTo("alice");
        assertThat(pages().get(1).incidentId()).isEqualTo(reopened);
    }

    @Test
    void anAcceptedAckAcknowledgesTheIncidentAndBecomesALeaf() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(ack(7, FLUSH + MINUTE, ALICE, INCIDENT));
        watermark(FLUSH + MINUTE);

        assertThat(changes()).containsExactly("triggered@0", "acknowledged@0");
        assertThat(updates().get(1).engineer()).isEqualTo("alice");
        assertThat(ackVerdicts()).containsExactly("accepted");
        AcceptedAck accepted = side(IncidentFunction.ACCEPTED_ACKS).get(0);
        assertThat(accepted.sequence()).isEqualTo(1);
        AckLeaf leaf = accepted.leaf();
        assertThat(leaf.incidentId()).isEqualTo(INCIDENT);
        assertThat(leaf.engineer()).isEqualTo(IncidentFixtures.address(ALICE));
        assertThat(leaf.ackedAtMillis()).isEqualTo(FLUSH + MINUTE);
        assertThat(side(SideOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void anAckAtTheInstantTheIncidentOpensFindsIt() throws Exception {
        send(ack(0, FLUSH, ALICE, INCIDENT)); // arrives first, same event time
        send(flush(1, FLUSH, "firing", ""));
        watermark(FLUSH);

        assertThat(changes()).containsExactly("triggered@0", "acknowledged@0");
    }

    // --- PagerDuty acknowledge / resolve events ---------------------------------------------

    // --- late acks: the applied time is an input ------------------------------------------

    @Test
    void aLateAckIsAppliedAtTheNextInstantAndThatTimeIsArchived() throws Exception {
        long applied = FLUSH + 7 * MINUTE + 1;
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH + 7 * MINUTE); // level 2 paged; the ack of minute 1 arrives after that
        send(ack(0, FLUSH + MINUTE, ALICE, INCIDENT));
        watermark(FLUSH + 20 * MINUTE);

        assertThat(changes())
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "acknowledged@2");
        assertThat(updates().get(3).eventTime()).isEqualTo(applied);
        assertThat(
                        side(SideOutputs.ARCHIVE).stream()
                                .filter(r -> r.kind() == ArchiveKind.LATE_INPUT))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.id()).isEqualTo("late_input:acks/0/0");
                            assertThat(r.eventTime()).isEqualTo(FLUSH + MINUTE);
                            assertThat(r.outcome()).isEqualTo("incidents");
                            assertThat(r.payloadJson()).contains("\"appliedAt\":" + applied);
                        });
    }

    @Test
    void anAckWhoseStreamTimestampIsLaterIsAppliedThereAsReplayFeedsALateOne() throws Exception {
        long applied = FLUSH + 7 * MINUTE + 1;
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH);
        RawInput late = ack(0, FLUSH + MINUTE, ALICE, INCIDENT);
        harness.processElement(
                IncidentSignal.of(IncidentFixtures.ACK_CHECK.check(late).claim()), applied);
        watermark(FLUSH + 20 * MINUTE);

        assertThat(changes())
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "acknowledged@2");
        assertThat(updates().get(3).eventTime()).isEqualTo(applied);
        assertThat(side(SideOutputs.ARCHIVE))
                .as("not late here: nothing to record")
                .noneMatch(r -> r.kind() == ArchiveKind.LATE_INPUT);
    }

    // --- late flushes: the incident stage's clock ran ahead of the group's path ---------------

    @Test
    void aLateFlushIsAppliedAtTheNextInstantAndThatTimeIsArchived() throws Exception {
        long applied = FLUSH + 7 * MINUTE + 1;
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH + 7 * MINUTE); // the ticks moved this stage past the group's next flush
        Notification resolved = flush(2, FLUSH + MINUTE, "resolved", "standard");
        send(resolved);
        watermark(FLUSH + 20 * MINUTE);

        assertThat(changes())
                .as("levels 1 and 2 were paged before the resolve was met")
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "resolved@2");
        assertThat(updates().get(3).eventTime()).isEqualTo(applied);
        assertThat(
                        side(SideOutputs.ARCHIVE).stream()
                                .filter(r -> r.kind() == ArchiveKind.LATE_INPUT))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.id())
                                    .isEqualTo("late_input:flush:" + resolved.idempotencyKey());
                            assertThat(r.key()).isEqualTo(resolved.idempotencyKey());
                            assertThat(r.eventTime()).isEqualTo(FLUSH + MINUTE);
                            assertThat(r.outcome()).isEqualTo(LateFlushes.STAGE);
                            assertThat(r.payloadJson()).contains("\"appliedAt\":" + applied);
                        });
    }

    @Test
    void aFlushWhoseTimeWasRecordedIsAppliedThereAsReplayDoes() throws Exception {
        long applied = FLUSH + 7 * MINUTE + 1;
        Notification resolved = flush(2, FLUSH + MINUTE, "resolved", "standard");
        harness.close();
        harness = newHarness(LateFlushes.recorded(Map.of(resolved.idempotencyKey(), applied)));
        harness.open();
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH);
        send(resolved); // in time here: replay's watermark waits for the group's flushes
        watermark(FLUSH + 20 * MINUTE);

        assertThat(changes())
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "resolved@2");
        assertThat(updates().get(3).eventTime()).isEqualTo(applied);
        assertThat(side(SideOutputs.ARCHIVE))
                .as("not late here: nothing to record")
                .noneMatch(r -> r.kind() == ArchiveKind.LATE_INPUT);
    }

    private void sendPagerDuty(RawInput event, String incident) throws Exception {
        harness.processElement(
                IncidentSignal.of(IncidentFixtures.pagerDutyClaim(event, incident)),
                event.timestamp());
    }

    @Test
    void aPagerDutyAcknowledgeAcknowledgesTheIncidentAndStopsEscalationWithoutALeaf()
            throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH);
        sendPagerDuty(pagerDuty(0, FLUSH + MINUTE, "acknowledge", "r1", "db-1"), INCIDENT);
        watermark(FLUSH + MINUTE);

        assertThat(changes()).containsExactly("triggered@0", "escalated@1", "acknowledged@1");
        assertThat(updates().get(2).engineer()).isEqualTo("pagerduty");
        assertThat(ackVerdicts()).containsExactly("accepted");
        assertThat(side(IncidentFunction.ACCEPTED_ACKS)).as("unsigned: not anchored").isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero(); // level 2's timer is gone
        watermark(FLUSH + 60 * MINUTE);
        assertThat(pageTargets()).containsExactly("1:alice");
    }

    @Test
    void aPagerDutyResolveReachesTheIncidentItsGroupOpenedLast() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(flush(2, FLUSH + MINUTE, "resolved", ""));
        send(flush(3, FLUSH + 5 * MINUTE, "firing", ""));
        // The event names the group's incident id; the group fired again and has a new incident.
        sendPagerDuty(pagerDuty(0, FLUSH + 6 * MINUTE, "resolve", "r1", "db-1"), INCIDENT);
        watermark(FLUSH + 6 * MINUTE);

        String reopened = KEY + "-" + (FLUSH + 5 * MINUTE);
        assertThat(updates())
                .extracting(u -> u.incidentId() + " " + u.change().text())
                .containsExactly(
                        INCIDENT + " triggered",
                        INCIDENT + " resolved",
                        reopened + " triggered",
                        reopened + " resolved");
        assertThat(ackVerdicts()).containsExactly("accepted");
    }

    @Test
    void aRedeliveredPagerDutyEventIsADuplicate() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        RawInput event = pagerDuty(0, FLUSH + MINUTE, "acknowledge", "r1", "db-1");
        sendPagerDuty(event, INCIDENT);
        sendPagerDuty(new RawInput("acks", 0, 1, event.timestamp(), null, event.value()), INCIDENT);
        watermark(FLUSH + MINUTE);

        assertThat(ackVerdicts()).containsExactly("accepted", "duplicate");
        assertThat(changes()).containsExactly("triggered@0", "acknowledged@0");
    }

    // --- ack rejections that need the incident ----------------------------------------------

    @Test
    void rejectsAnAckOfAnUnknownIncident() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(ack(0, FLUSH + MINUTE, ALICE, KEY + "-42"));
        watermark(FLUSH + MINUTE);

        assertRejected("unknown_incident");
        assertThat(changes()).containsExactly("triggered@0");
    }

    @Test
    void archivesAReplayedAckAsADuplicateWithoutEffect() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        RawInput first = ack(0, FLUSH + MINUTE, ALICE, INCIDENT);
        send(first);
        send(new RawInput("acks", 0, 1, FLUSH + 2 * MINUTE, null, first.value())); // same bytes
        watermark(FLUSH + 2 * MINUTE);

        assertThat(ackVerdicts()).containsExactly("accepted", "duplicate");
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .extracting(DeadLetter::reason)
                .asString()
                .startsWith("ack duplicate");
        assertThat(side(IncidentFunction.ACCEPTED_ACKS)).hasSize(1);
        assertThat(changes()).containsExactly("triggered@0", "acknowledged@0");
    }

    @Test
    void rejectsAnAckOfAResolvedIncident() throws Exception {
        send(flush(1, FLUSH, "firing", ""));
        send(flush(2, FLUSH + 5 * MINUTE, "resolved", ""));
        send(ack(0, FLUSH + 6 * MINUTE, ALICE, INCIDENT));
        watermark(FLUSH + 6 * MINUTE);

        assertRejected("already_resolved");
        assertThat(side(IncidentFunction.ACCEPTED_ACKS)).isEmpty();
    }

    @Test
    void rejectsAnAckBySomeoneWhoIsNotATargetOfARestrictedPolicy() throws Exception {
        send(flush(1, FLUSH, "firing", "bob-only"));
        send(ack(0, FLUSH + MINUTE, ALICE, INCIDENT));
        send(ack(1, FLUSH + 2 * MINUTE, BOB, INCIDENT));
        watermark(FLUSH + 2 * MINUTE);

        assertThat(ackVerdicts()).containsExactly("not_a_target", "accepted");
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .extracting(DeadLetter::reason)
                .asString()
                .contains("not_a_target", "alice");
        assertThat(changes()).containsExactly("triggered@0", "escalated@1", "acknowledged@1");
    }

    private void assertRejected(String reason) {
        assertThat(ackVerdicts()).containsExactly(reason);
        assertThat(side(SideOutputs.DEAD_LETTERS))
                .singleElement()
                .extracting(DeadLetter::reason)
                .asString()
                .startsWith("ack " + reason);
        assertThat(side(IncidentFunction.ACCEPTED_ACKS)).isEmpty();
    }

    // --- escalation -------------------------------------------------------------------------

    @Test
    void escalatesThroughThreeLevelsOnTheirTimeouts() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH);

        // Level 1 at the trigger: the primary schedule's on-call (Alice this week).
        assertThat(pageTargets()).containsExactly("1:alice");
        Notification first = pages().get(0);
        assertThat(first.idempotencyKey()).isEqualTo(INCIDENT + "/1/alice");
        assertThat(first.receiver()).isEqualTo("phone-alice");
        assertThat(first.step()).isEqualTo(1);
        assertThat(first.incidentId()).isEqualTo(INCIDENT);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // level 2 at +5 min

        watermark(FLUSH + 5 * MINUTE - 1);
        assertThat(pages()).hasSize(1);

        watermark(FLUSH + 5 * MINUTE);
        assertThat(pageTargets()).containsExactly("1:alice", "2:bob");
        assertThat(pages().get(1).idempotencyKey()).isEqualTo(INCIDENT + "/2/bob");
        assertThat(pages().get(1).eventTime()).isEqualTo(FLUSH + 5 * MINUTE);

        watermark(FLUSH + 15 * MINUTE);
        assertThat(pageTargets())
                .containsExactly("1:alice", "2:bob", "3:carol", "3:pager-critical");
        assertThat(pages().get(3).idempotencyKey())
                .isEqualTo(INCIDENT + "/3/receiver:pager-critical");
        assertThat(changes())
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "escalated@3");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the repeat at +15 min
    }

    @Test
    void repeatsThePolicyOnceThenStopsExhausted() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH + 15 * MINUTE);
        int firstRound = pages().size();

        watermark(FLUSH + 30 * MINUTE); // round 2, level 1
        watermark(FLUSH + 35 * MINUTE); // round 2, level 2
        watermark(FLUSH + 45 * MINUTE); // round 2, level 3
        assertThat(pages().subList(firstRound, pages().size()))
                .extracting(p -> p.step() + ":" + p.level())
                .containsExactly("4:1", "5:2", "6:3", "6:3");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(FLUSH + 60 * MINUTE); // repeat_after the last level: the final action
        assertThat(changes()).endsWith("escalated@3", "exhausted@3");
        assertThat(updates().get(updates().size() - 1).status())
                .isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(harness.numEventTimeTimers()).isZero();

        watermark(FLUSH + 10 * 60 * MINUTE);
        assertThat(pages()).hasSize(firstRound + 4); // nothing more
    }

    @Test
    void aFinalActionCanResolveTheIncident() throws Exception {
        send(flush(1, FLUSH, "firing", "bob-only"));
        watermark(FLUSH + 5 * MINUTE);

        assertThat(changes()).containsExactly("triggered@0", "escalated@1", "resolved@1");
        assertThat(updates().get(2).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the cleanup
    }

    @Test
    void anAckStopsTheEscalation() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH + 5 * MINUTE); // levels 1 and 2
        send(ack(0, FLUSH + 6 * MINUTE, BOB, INCIDENT));
        watermark(FLUSH + 6 * MINUTE);

        assertThat(changes())
                .containsExactly("triggered@0", "escalated@1", "escalated@2", "acknowledged@2");
        assertThat(harness.numEventTimeTimers()).isZero(); // level 3's timer is gone

        watermark(FLUSH + 120 * MINUTE);
        assertThat(pageTargets()).containsExactly("1:alice", "2:bob");
    }

    @Test
    void anUnackStartsTheEscalationAgainAtLevelOne() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        send(ack(0, FLUSH + MINUTE, ALICE, INCIDENT));
        send(act(1, FLUSH + 2 * MINUTE, ALICE, INCIDENT, AckAction.UNACK));
        watermark(FLUSH + 2 * MINUTE);

        assertThat(changes())
                .containsExactly(
                        "triggered@0",
                        "escalated@1",
                        "acknowledged@1",
                        "unacknowledged@0",
                        "escalated@1");
        assertThat(pages())
                .extracting(Notification::idempotencyKey)
                .containsExactly(INCIDENT + "/1/alice", INCIDENT + "/2/alice");
        assertThat(side(IncidentFunction.ACCEPTED_ACKS))
                .extracting(AcceptedAck::sequence)
                .containsExactly(1L, 2L);
    }

    @Test
    void aLevelDueAfterTheEndOfABoundedInputIsNotPaged() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        harness.processBroadcastElement(new Tick(FLUSH + 6 * MINUTE), FLUSH + 6 * MINUTE);
        watermark(FLUSH);
        watermark(Long.MAX_VALUE); // the input ended at the last tick

        assertThat(pageTargets()).containsExactly("1:alice", "2:bob");
    }

    @Test
    void restoresIncidentsAndEscalationTimersFromASnapshot() throws Exception {
        send(flush(1, FLUSH, "firing", "standard"));
        watermark(FLUSH);
        assertThat(pageTargets()).containsExactly("1:alice");
        send(ack(0, FLUSH + 7 * MINUTE, CAROL, KEY + "-1")); // unknown, still buffered

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2); // level 2, the buffered ack
        assertThat(keyedStateEntries()).isEqualTo(3); // incident, open id, pending

        watermark(FLUSH + 5 * MINUTE);
        assertThat(pageTargets()).containsExactly("2:bob");
        assertThat(pages().get(0).step()).isEqualTo(2);

        watermark(FLUSH + 7 * MINUTE);
        assertThat(ackVerdicts()).containsExactly("unknown_incident");
        send(ack(1, FLUSH + 8 * MINUTE, BOB, INCIDENT));
        watermark(FLUSH + 8 * MINUTE);
        assertThat(changes()).containsExactly("escalated@2", "acknowledged@2");
        assertThat(side(IncidentFunction.ACCEPTED_ACKS))
                .extracting(AcceptedAck::sequence)
                .containsExactly(1L);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Objects.requireNonNull(pages())).hasSize(1);
    }
}
