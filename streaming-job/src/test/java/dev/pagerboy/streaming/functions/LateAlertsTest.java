package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts that arrive after the watermark has passed their event time (a lagging producer, a
 * partition that was idle and woke up). Nothing is dropped: dedup decides a late alert just after
 * the current watermark, with the usual verdicts, archives how late it was, and passes it on at
 * that time, so its group pages once instead of catching up on every flush it missed.
 */
class LateAlertsTest extends AlertTestBase {

    private static final long WATERMARK = TEN_MINUTES_LATER;
    private static final long DECIDED_AT = WATERMARK + 1;
    private static final long GROUP_WAIT = 30 * ONE_SECOND;

    private final RouteTree routes = defaultRoutes();
    private KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> dedup;

    @BeforeEach
    void start() throws Exception {
        dedup =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DedupFunction(routes, Duration.ofHours(24))),
                        Alert::fingerprint,
                        Types.STRING);
        dedup.open();
    }

    @AfterEach
    void stop() throws Exception {
        dedup.close();
    }

    private void send(Alert alert) throws Exception {
        dedup.processElement(alert, alert.eventTime());
    }

    private List<ArchiveRecord> decisionRows() {
        return archiveRows(dedup).stream().filter(r -> r.kind() == ArchiveKind.DECISION).toList();
    }

    @Test
    void aLateAlertIsDecidedJustAfterTheWatermarkAndArchivedWithItsLateness() throws Exception {
        send(firing("HostDown").at(T0));
        dedup.processWatermark(WATERMARK);
        Alert late = firing("DiskFull").at(ONE_MINUTE_LATER);

        send(late);

        assertThat(dedup.extractOutputValues()).hasSize(1); // only HostDown so far
        dedup.processWatermark(DECIDED_AT);
        DedupOutcome decided = dedup.extractOutputValues().get(1);
        assertThat(decided.verdict()).isEqualTo(Verdict.NEW_FIRING);
        assertThat(decided.alert().sourceRef()).isEqualTo(late.sourceRef());
        assertThat(decided.alert().eventTime()).isEqualTo(DECIDED_AT);
        assertThat(decided.lateByMillis()).isEqualTo(DECIDED_AT - ONE_MINUTE_LATER);
        assertThat(dedup.extractOutputValues().get(0).lateByMillis()).isZero();
    }

    @Test
    void aLateRedeliveryIsStillRecognisedAndDropped() throws Exception {
        send(firing("HostDown").eventId("e1").at(T0));
        dedup.processWatermark(WATERMARK);

        send(firing("HostDown").eventId("e1").from("alerts/1/7#0").at(T0));
        dedup.processWatermark(DECIDED_AT);

        assertThat(dedup.extractOutputValues())
                .extracting(DedupOutcome::verdict)
                .containsExactly(Verdict.NEW_FIRING);
        assertThat(verdicts(dedup)).containsExactly("new_firing", "duplicate_delivery");
        ArchiveRecord dropped = decisionRows().get(0);
        assertThat(dropped.eventTime()).isEqualTo(DECIDED_AT);
        assertThat(dropped.payloadJson()).contains("\"lateByMillis\":" + (DECIDED_AT - T0));
    }

    @Test
    void aLateRepeatIsSuppressedWithinRepeatInterval() throws Exception {
        send(firing("HostDown").at(T0));
        dedup.processWatermark(WATERMARK);

        send(firing("HostDown").at(ONE_MINUTE_LATER));
        dedup.processWatermark(DECIDED_AT);

        assertThat(verdicts(dedup)).containsExactly("new_firing", "suppressed_repeat");
    }

    /**
     * Alertmanager's receipt-time semantics: a firing that arrives after the resolve was decided
     * opens a new episode, even though its event time is before the resolve.
     */
    @Test
    void aLateFiringAfterTheResolveWasDecidedFiresAgain() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(TWO_MINUTES_LATER));
        dedup.processWatermark(WATERMARK);

        send(firing("HostDown").at(ONE_MINUTE_LATER));
        dedup.processWatermark(DECIDED_AT);

        assertThat(verdicts(dedup)).containsExactly("new_firing", "resolved", "new_firing");
    }

    @Test
    void aLateAlertWaitsForTheNextWatermarkWithOneTimer() throws Exception {
        dedup.processWatermark(WATERMARK);

        send(firing("HostDown").at(T0));
        send(firing("DiskFull").at(ONE_MINUTE_LATER));

        assertThat(dedup.numEventTimeTimers()).isEqualTo(2); // one per key, both at DECIDED_AT
        dedup.processWatermark(WATERMARK); // the same watermark again decides nothing
        assertThat(dedup.extractOutputValues()).isEmpty();
        dedup.processWatermark(DECIDED_AT);
        assertThat(dedup.extractOutputValues())
                .extracting(o -> o.alert().eventTime())
                .containsExactly(DECIDED_AT, DECIDED_AT);
    }

    /**
     * The time a late alert was decided at depends on scheduling, so it is archived as an input:
     * one {@code late_input} row per alert, named by the alert's own reference, with its record's
     * coordinates (which replay looks it up by).
     */
    @Test
    void aLateAlertArchivesTheTimeItWasDecidedAtAsALateInput() throws Exception {
        dedup.processWatermark(WATERMARK);

        send(firing("DiskFull").from("alerts-x/1/7#2").at(ONE_MINUTE_LATER));
        send(firing("HostDown").from("alerts-x/0/3").at(WATERMARK + ONE_SECOND));

        List<ArchiveRecord> late = archiveRows(dedup, ArchiveKind.LATE_INPUT);
        assertThat(late).hasSize(1); // HostDown is ahead of the watermark
        ArchiveRecord row = late.get(0);
        assertThat(row.id()).isEqualTo("late_input:alerts-x/1/7#2");
        assertThat(row.sourceTopic()).isEqualTo("alerts-x");
        assertThat(row.sourcePartition()).isEqualTo(1);
        assertThat(row.sourceOffset()).isEqualTo(7L);
        assertThat(row.eventTime()).isEqualTo(ONE_MINUTE_LATER);
        assertThat(row.outcome()).isEqualTo("dedup");
        assertThat(row.payloadJson()).contains("\"appliedAt\":" + DECIDED_AT);
    }

    /**
     * Replay gives a late alert's record the recorded time as its stream timestamp, with the
     * watermark still at the record's own time: dedup decides it there, exactly as the live job
     * did, and writes no second {@code late_input} row.
     */
    @Test
    void anAlertWhoseTimestampIsLaterThanItsEventTimeIsDecidedAtTheTimestamp() throws Exception {
        dedup.processWatermark(ONE_MINUTE_LATER - 1);
        Alert late = firing("DiskFull").at(ONE_MINUTE_LATER);

        dedup.processElement(late, DECIDED_AT);
        dedup.processWatermark(WATERMARK);
        assertThat(dedup.extractOutputValues()).isEmpty();
        dedup.processWatermark(DECIDED_AT);

        DedupOutcome decided = dedup.extractOutputValues().get(0);
        assertThat(decided.alert().eventTime()).isEqualTo(DECIDED_AT);
        assertThat(decided.lateByMillis()).isEqualTo(DECIDED_AT - ONE_MINUTE_LATER);
        assertThat(archiveRows(dedup, ArchiveKind.LATE_INPUT)).isEmpty();
    }

    /**
     * Dedup and group chained as in the pipeline: an alert three hours late pages once, {@code
     * group_wait} after it was decided. (Decided at its own event time, its group would flush at
     * once for every missed {@code group_interval} and page again for every {@code repeat_interval}
     * of the three hours.)
     */
    @Test
    void aVeryLateAlertPagesOnceNotOncePerMissedRepeatInterval() throws Exception {
        long watermark = T0 + 3 * ONE_HOUR;
        var group = groupHarness();
        dedup.processWatermark(watermark);
        group.watermark(watermark);

        send(firing("HostDown").at(T0));
        dedup.processWatermark(watermark + 1);
        for (DedupOutcome passed : dedup.extractOutputValues()) {
            group.processElement(routed(passed.alert(), routes), passed.alert().eventTime());
        }
        group.watermark(watermark + 1);
        assertThat(group.extractOutputValues()).isEmpty();
        group.watermark(watermark + 1 + GROUP_WAIT);

        assertThat(group.extractOutputValues())
                .extracting(Notification::status)
                .containsExactly("firing");
        assertThat(flushReasons(group)).containsExactly("changed");
        group.close();
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            groupHarness() throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new GroupFunction(routes, List.of(), List.of()),
                                GroupFunction.BROADCAST_STATES),
                        RoutedAlert::groupKey,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.open();
        return h;
    }
}
