package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.AlertEnd;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupFunctionTest extends AlertTestBase {

    private static final Duration RETENTION = Duration.ofHours(24);

    private KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> harness;

    @BeforeEach
    void start() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> newHarness()
            throws Exception {
        return newHarness(AlertLifecycle.DEFAULTS.withResolvedRetention(RETENTION));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> newHarness(
            AlertLifecycle lifecycle) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupFunction(defaultRoutes(), lifecycle)),
                Alert::fingerprint,
                Types.STRING);
    }

    private void send(Alert alert) throws Exception {
        harness.processElement(alert, alert.eventTime());
    }

    private List<Verdict> passedVerdicts() {
        return harness.extractOutputValues().stream().map(DedupOutcome::verdict).toList();
    }

    @Test
    void holdsAlertsUntilTheWatermarkPassesThem() throws Exception {
        send(firing("HostDown").at(T0));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING);
        // The pending batch is gone; the expiry timer remains.
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void suppressesRepeatWithinRepeatInterval() throws Exception {
        send(firing("HostDown").at(T0));
        send(firing("HostDown").at(ONE_MINUTE_LATER));
        send(firing("HostDown").at(TEN_MINUTES_LATER));
        harness.processWatermark(TEN_MINUTES_LATER);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING);
        assertThat(verdicts(harness))
                .containsExactly("new_firing", "suppressed_repeat", "suppressed_repeat");
    }

    @Test
    void recordsAnAcknowledgeWithoutPagingOrEndingTheFiring() throws Exception {
        send(firing("HostDown").at(T0));
        send(acknowledged("HostDown").at(ONE_MINUTE_LATER));
        send(firing("HostDown").at(TEN_MINUTES_LATER));
        harness.processWatermark(TEN_MINUTES_LATER);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING);
        assertThat(verdicts(harness))
                .containsExactly("new_firing", "acknowledge_recorded", "suppressed_repeat");
    }

    @Test
    void anAcknowledgeOfAnUnknownFingerprintPagesNobody() throws Exception {
        send(acknowledged("HostDown").at(T0));
        harness.processWatermark(T0);

        assertThat(passedVerdicts()).isEmpty();
        assertThat(verdicts(harness)).containsExactly("acknowledge_recorded");
    }

    @Test
    void passesRepeatOnceRepeatIntervalHasElapsed() throws Exception {
        send(firing("HostDown").at(T0));
        send(firing("HostDown").at(ONE_HOUR_LATER));
        harness.processWatermark(ONE_HOUR_LATER);

        assertThat(harness.extractOutputValues())
                .extracting(DedupOutcome::verdict, DedupOutcome::repeatCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Verdict.NEW_FIRING, 0),
                        org.assertj.core.groups.Tuple.tuple(Verdict.REPEAT_FIRING, 1));
    }

    @Test
    void resolveEndsTheEpisodeSoTheNextFiringIsNew() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(ONE_MINUTE_LATER));
        send(firing("HostDown").at(TWO_MINUTES_LATER));
        harness.processWatermark(TWO_MINUTES_LATER);

        assertThat(passedVerdicts())
                .containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED, Verdict.NEW_FIRING);
    }

    @Test
    void dropsResolveOfAFingerprintThatIsNotFiring() throws Exception {
        send(resolved("HostDown").at(T0));
        harness.processWatermark(T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(verdicts(harness)).containsExactly("resolved_not_firing");
    }

    @Test
    void dropsExactRedeliveryOfTheSameSourceEvent() throws Exception {
        send(firing("HostDown").eventId("am-1").at(T0));
        send(firing("HostDown").eventId("am-1").at(TWO_MINUTES_LATER));
        send(resolved("HostDown").eventId("am-2").at(ONE_HOUR_LATER));
        send(resolved("HostDown").eventId("am-2").at(ONE_HOUR_LATER));
        harness.processWatermark(ONE_HOUR_LATER);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED);
        assertThat(verdicts(harness))
                .containsExactly(
                        "new_firing", "duplicate_delivery", "resolved", "duplicate_delivery");
    }

    @Test
    void remembersEventIdsForTheRetentionOnly() throws Exception {
        long retention = RETENTION.toMillis();
        send(firing("HostDown").eventId("am-1").at(T0));
        send(firing("HostDown").eventId("am-2").at(T0 + retention - ONE_HOUR));
        send(firing("HostDown").eventId("am-1").at(T0 + retention + 4 * ONE_HOUR));
        harness.processWatermark(T0 + retention + 4 * ONE_HOUR);

        // The last one is a plain repeat again: its first delivery is older than the retention.
        assertThat(verdicts(harness))
                .containsExactly("new_firing", "repeat_firing", "repeat_firing");
    }

    @Test
    void decidesByEventTimeNotByArrivalOrder() throws Exception {
        // A resolve that arrives before the firing it ends, from another partition.
        send(resolved("HostDown").from("alerts/1/5#0").at(ONE_MINUTE_LATER));
        send(firing("HostDown").from("alerts/0/9#0").at(T0));
        harness.processWatermark(ONE_MINUTE_LATER);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED);
    }

    @Test
    void ordersAlertsWithTheSameEventTimeBySourcePosition() throws Exception {
        send(firing("HostDown").eventId("b").from("alerts/0/10#0").at(T0));
        send(firing("HostDown").eventId("a").from("alerts/0/9#0").at(T0));
        harness.processWatermark(T0);

        assertThat(harness.extractOutputValues())
                .extracting(o -> o.alert().eventId())
                .containsExactly("a");
        assertThat(verdicts(harness)).containsExactly("new_firing", "suppressed_repeat");
    }

    @Test
    void expiresResolvedStateRetentionAfterTheLastAlert() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(ONE_MINUTE_LATER));
        harness.processWatermark(ONE_MINUTE_LATER);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        harness.processWatermark(ONE_MINUTE_LATER + RETENTION.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        // After expiry the fingerprint starts over.
        long later = ONE_MINUTE_LATER + RETENTION.toMillis() + ONE_MINUTE;
        send(firing("HostDown").at(later));
        harness.processWatermark(later);
        assertThat(passedVerdicts())
                .containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED, Verdict.NEW_FIRING);
    }

    @Test
    void keepsAFiringAlertPastTheRetentionUntilItsResolve() throws Exception {
        long resolvedAt = T0 + 53 * ONE_HOUR;
        send(firing("HostDown").format("alertmanager").at(T0));
        harness.processWatermark(T0 + 48 * ONE_HOUR);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        send(resolved("HostDown").format("alertmanager").at(resolvedAt));
        harness.processWatermark(resolvedAt);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED);
        // Resolved now: the state goes a retention after the resolve, with its one timer.
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(resolvedAt + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsAPagerDutyTriggerOpenForTenDays() throws Exception {
        long tenDays = 10 * 24 * ONE_HOUR;
        send(firing("DiskFull").format("pagerduty").at(T0));
        harness.processWatermark(T0 + tenDays - ONE_MINUTE);
        send(resolved("DiskFull").format("pagerduty").at(T0 + tenDays));
        harness.processWatermark(T0 + tenDays);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.RESOLVED);
    }

    @Test
    void endsAnIncidentWithoutResolveAtItsMaximumAgeAsAnArchivedDecision() throws Exception {
        long maxAge = AlertLifecycle.DEFAULTS.maxOpenAge().toMillis();
        send(firing("DiskFull").format("pagerduty").at(T0));
        send(firing("DiskFull").format("pagerduty").at(TEN_MINUTES_LATER)); // a re-trigger
        harness.processWatermark(TEN_MINUTES_LATER + maxAge - 1);
        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING);

        harness.processWatermark(TEN_MINUTES_LATER + maxAge);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.AUTO_RESOLVED);
        DedupOutcome ended = harness.extractOutputValues().get(1);
        assertThat(ended.alert().status()).isEqualTo(Alert.RESOLVED);
        assertThat(ended.alert().eventTime()).isEqualTo(TEN_MINUTES_LATER + maxAge);
        assertThat(ended.endedBy()).isEqualTo(AlertEnd.MAX_OPEN_AGE);
        assertThat(ended.alert().sourceRef()).endsWith("~max_open_age");

        harness.processWatermark(TEN_MINUTES_LATER + maxAge + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void resolvesAnAlertmanagerAlertThatStopsBeingReSentAfterResolveTimeout() throws Exception {
        harness.close();
        harness = newHarness(AlertLifecycle.DEFAULTS.withResolveTimeout(Duration.ofMinutes(5)));
        harness.open();
        send(firing("HostDown").format("alertmanager").at(T0));
        send(firing("HostDown").format("alertmanager").at(T0 + 4 * ONE_MINUTE)); // re-sent
        harness.processWatermark(T0 + 9 * ONE_MINUTE - 1);
        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING);

        harness.processWatermark(T0 + 9 * ONE_MINUTE);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.AUTO_RESOLVED);
        assertThat(harness.extractOutputValues().get(1).endedBy())
                .isEqualTo(AlertEnd.RESOLVE_TIMEOUT);
        // Native input is not Alertmanager's: resolve_timeout does not apply to it.
        send(firing("Other").at(T0 + 10 * ONE_MINUTE));
        harness.processWatermark(T0 + ONE_HOUR);
        assertThat(passedVerdicts())
                .containsExactly(Verdict.NEW_FIRING, Verdict.AUTO_RESOLVED, Verdict.NEW_FIRING);
    }

    @Test
    void endsAnAlertWhenItsOwnEndsAtPasses() throws Exception {
        send(firing("HostDown").endsAt(T0 + 3 * ONE_MINUTE).at(T0));
        harness.processWatermark(T0 + 3 * ONE_MINUTE);

        assertThat(passedVerdicts()).containsExactly(Verdict.NEW_FIRING, Verdict.AUTO_RESOLVED);
        assertThat(harness.extractOutputValues().get(1).alert().endsAt())
                .isEqualTo(T0 + 3 * ONE_MINUTE);
        assertThat(harness.extractOutputValues().get(1).endedBy()).isEqualTo(AlertEnd.ENDS_AT);
    }

    /**
     * The old 24 h expiry checked whether alerts were already buffered for later times, so its
     * verdict depended on how far the source had read ahead. Here the same alerts arrive once
     * before and once after the watermark passes the end they race with.
     */
    @Test
    void endsDoNotDependOnHowFarTheSourceReadAhead() throws Exception {
        AlertLifecycle lifecycle =
                AlertLifecycle.DEFAULTS.withResolveTimeout(Duration.ofMinutes(5));
        Alert first = firing("HostDown").format("alertmanager").at(T0);
        Alert late = firing("HostDown").format("alertmanager").at(T0 + 7 * ONE_MINUTE);
        Alert resolve = resolved("HostDown").format("alertmanager").at(T0 + 8 * ONE_MINUTE);

        var readAhead = newHarness(lifecycle);
        readAhead.open();
        for (Alert a : List.of(first, late, resolve)) {
            readAhead.processElement(a, a.eventTime());
        }
        readAhead.processWatermark(T0 + 5 * ONE_MINUTE);
        readAhead.processWatermark(T0 + ONE_HOUR);

        var stepByStep = newHarness(lifecycle);
        stepByStep.open();
        stepByStep.processElement(first, first.eventTime());
        stepByStep.processWatermark(T0 + 5 * ONE_MINUTE);
        stepByStep.processElement(late, late.eventTime());
        stepByStep.processElement(resolve, resolve.eventTime());
        stepByStep.processWatermark(T0 + ONE_HOUR);

        assertThat(archiveRows(readAhead)).isEqualTo(archiveRows(stepByStep));
        assertThat(readAhead.extractOutputValues()).isEqualTo(stepByStep.extractOutputValues());
        assertThat(verdicts(readAhead))
                .containsExactly("new_firing", "auto_resolved", "new_firing", "resolved");
        readAhead.close();
        stepByStep.close();
    }

    @Test
    void restoresAnOpenAlertsEndFromASnapshot() throws Exception {
        long maxAge = AlertLifecycle.DEFAULTS.maxOpenAge().toMillis();
        send(firing("DiskFull").format("pagerduty").at(T0));
        harness.processWatermark(T0 + 3 * 24 * ONE_HOUR);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(T0 + maxAge);

        assertThat(passedVerdicts()).containsExactly(Verdict.AUTO_RESOLVED);
    }

    @Test
    void laterAlertMovesTheExpiryInsteadOfAddingTimers() throws Exception {
        send(firing("HostDown").at(T0));
        harness.processWatermark(T0);
        send(firing("HostDown").at(ONE_MINUTE_LATER));
        harness.processWatermark(ONE_MINUTE_LATER);

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(T0 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
    }

    @Test
    void restoresEpisodePendingAlertsAndTimersFromASnapshot() throws Exception {
        send(firing("HostDown").at(T0));
        harness.processWatermark(T0);
        send(firing("HostDown").eventId("late").at(ONE_MINUTE_LATER));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        int timers = harness.numEventTimeTimers();
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).isEqualTo(timers);

        harness.processWatermark(ONE_MINUTE_LATER);
        send(firing("HostDown").eventId("late").at(TWO_MINUTES_LATER));
        harness.processWatermark(TWO_MINUTES_LATER);

        // The restored episode still knows the firing and the event id it saw before the snapshot.
        assertThat(verdicts(harness)).containsExactly("suppressed_repeat", "duplicate_delivery");
    }
}
