package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The group stage and a silence that reaches it behind its watermark ({@link LateControls}): live,
 * the flushes made before it arrived stay made without it and every later one sees it, from just
 * after the watermark, and that time is archived; a replay that meets the silence in time and is
 * given the recorded time mutes at the same flushes, where without it the silence would mute the
 * flushes in between. A tick met late ends a group's wait for input from just after the watermark
 * too, and replays there.
 */
class LateControlsTest extends AlertTestBase {

    private static final long GROUP_WAIT = 30 * ONE_SECOND;
    private static final long GROUP_INTERVAL = 5 * ONE_MINUTE;
    private static final long FIRST_FLUSH = T0 + GROUP_WAIT;

    /** Live, the watermark has passed two flushes when the silence arrives. */
    private static final long LIVE_WATERMARK = FIRST_FLUSH + GROUP_INTERVAL;

    private static final long END = FIRST_FLUSH + 4 * GROUP_INTERVAL;

    private final RouteTree routes = defaultRoutes();

    /** A silence of HostDown from T0, created (event time) at one minute. */
    private static final Silence MAINTENANCE =
            new Silence(
                    "s-1",
                    List.of(new LabelMatcher("alertname", "=", "HostDown")),
                    T0,
                    ONE_HOUR_LATER,
                    "alice",
                    "maintenance",
                    ONE_MINUTE_LATER);

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            harness(LateControls recorded) throws Exception {
        return harness(recorded, AlertLifecycle.DEFAULTS.catchUpAfter());
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            harness(LateControls recorded, Duration catchUpAfter) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new GroupFunction(
                                        routes,
                                        List.of(),
                                        List.of(),
                                        catchUpAfter,
                                        LateRoutedAlerts.NONE,
                                        recorded),
                                GroupFunction.BROADCAST_STATES),
                        RoutedAlert::groupKey,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.open();
        return h;
    }

    /** The flushes' times at which HostDown was muted. */
    private static List<Long> mutedAt(
            KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification> h) {
        return archiveRows(h, ArchiveKind.MUTE).stream().map(ArchiveRecord::eventTime).toList();
    }

    private static List<ArchiveRecord> lateRows(
            KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification> h) {
        return archiveRows(h, ArchiveKind.LATE_INPUT);
    }

    /** A replay: the silence arrives in time, before the alert's first flush. */
    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            replayed(LateControls recorded) throws Exception {
        var replay = harness(recorded);
        replay.processElement(routed(firing("HostDown").at(T0), routes), T0);
        replay.processBroadcastElement(GroupControl.of(MAINTENANCE), ONE_MINUTE_LATER);
        replay.watermark(END);
        return replay;
    }

    @Test
    void aSilenceBehindTheWatermarkMutesFromJustAfterItAndReplaysThereFromItsRecord()
            throws Exception {
        var live = harness(LateControls.NONE);
        live.processElement(routed(firing("HostDown").at(T0), routes), T0);
        live.watermark(LIVE_WATERMARK);
        live.processBroadcastElement(GroupControl.of(MAINTENANCE), ONE_MINUTE_LATER);
        live.watermark(END);

        // The two flushes made before it paged; the next one is the first it mutes.
        assertThat(mutedAt(live)).containsExactly(LIVE_WATERMARK + GROUP_INTERVAL);
        assertThat(lateRows(live))
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row.outcome()).isEqualTo(LateControls.STAGE);
                            assertThat(row.eventTime()).isEqualTo(ONE_MINUTE_LATER);
                            assertThat(row.key())
                                    .isEqualTo("silence:s-1|" + ONE_MINUTE_LATER + "|0/1/1");
                            assertThat(row.payloadJson())
                                    .contains("\"appliedAt\":" + (LIVE_WATERMARK + 1));
                        });
        List<Notification> livePages = live.extractOutputValues();

        var withoutRecord = replayed(LateControls.NONE);
        assertThat(mutedAt(withoutRecord)).containsExactly(FIRST_FLUSH + GROUP_INTERVAL);

        var replay =
                replayed(
                        LateControls.recorded(
                                Map.of(lateRows(live).get(0).key(), LIVE_WATERMARK + 1)));
        assertThat(mutedAt(replay)).isEqualTo(mutedAt(live));
        assertThat(replay.extractOutputValues()).isEqualTo(livePages);
        assertThat(lateRows(replay)).isEmpty();

        live.close();
        withoutRecord.close();
        replay.close();
    }

    @Test
    void anotherSubtasksRecordDoesNotMoveTheSilenceHere() throws Exception {
        var replay =
                replayed(
                        LateControls.recorded(
                                Map.of(
                                        "silence:s-1|" + ONE_MINUTE_LATER + "|1/2/128",
                                        LIVE_WATERMARK + 1)));

        assertThat(mutedAt(replay)).containsExactly(FIRST_FLUSH + GROUP_INTERVAL);
        replay.close();
    }

    /** A tick of the {@code ticks} topic at seven minutes. */
    private static final Tick LATE_TICK = new Tick(T0 + 7 * ONE_MINUTE, "ticks", 0, 7);

    /** Flush times of a group that waits for the input from 5:30 (catch_up_after 2 m). */
    private List<Long> flushTimes(LateControls recorded, boolean tickLate) throws Exception {
        var h = harness(recorded, Duration.ofMinutes(2));
        h.processElement(routed(firing("HostDown").at(T0), routes), T0);
        if (tickLate) {
            h.watermark(TEN_MINUTES_LATER);
        }
        h.processBroadcastElement(GroupControl.of(LATE_TICK), LATE_TICK.eventTime());
        h.watermark(END);
        List<Long> times = flushes(h).stream().map(GroupFlush::eventTime).toList();
        recordedRows = lateRows(h);
        h.close();
        return times;
    }

    private List<ArchiveRecord> recordedRows = List.of();

    @Test
    void aTickBehindTheWatermarkEndsAWaitJustAfterItAndReplaysThereFromItsRecord()
            throws Exception {
        List<Long> live = flushTimes(LateControls.NONE, true);
        List<ArchiveRecord> rows = recordedRows;

        // The first flush, then the one due at 5:30 waits for input; the late tick ends the wait
        // just after the watermark it missed.
        assertThat(live).startsWith(FIRST_FLUSH, TEN_MINUTES_LATER + 1);
        assertThat(rows)
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row.key()).isEqualTo("tick:ticks/0/7|0/1/1");
                            assertThat(row.payloadJson())
                                    .contains("\"appliedAt\":" + (TEN_MINUTES_LATER + 1));
                        });

        assertThat(flushTimes(LateControls.NONE, false))
                .as("a replay without the record catches up at the tick's own time")
                .startsWith(FIRST_FLUSH, LATE_TICK.eventTime());
        assertThat(
                        flushTimes(
                                LateControls.recorded(
                                        Map.of(rows.get(0).key(), TEN_MINUTES_LATER + 1)),
                                false))
                .isEqualTo(live);
        assertThat(recordedRows).isEmpty();
    }
}
