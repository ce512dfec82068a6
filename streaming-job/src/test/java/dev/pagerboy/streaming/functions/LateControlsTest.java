package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * too, and replays there, and so does an inhibition source change (an alert that can inhibit others
 * starting to fire) met late.
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
        return harness(recorded, catchUpAfter, List.of());
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            harness(LateControls recorded, Duration catchUpAfter, List<InhibitRule> inhibitRules)
                    throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new GroupFunction(
                                        routes,
                                        List.of(),
                                        inhibitRules,
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

    /** Critical alerts of a cluster inhibit warnings of the same cluster. */
    private static final InhibitRule CRITICAL_MUTES_WARNING =
            new InhibitRule(
                    List.of(Matcher.equal("severity", "critical")),
                    List.of(Matcher.equal("severity", "warning")),
                    List.of("cluster"));

    /** DbDown (critical, cluster c1) starts firing at one minute, as dedup's timer sends it. */
    private static final InhibitionSource DB_DOWN_FIRES = dbDown(true, ONE_MINUTE_LATER);

    private static InhibitionSource dbDown(boolean firing, long at) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("alertname", "DbDown");
        labels.put("severity", "critical");
        labels.put("cluster", "c1");
        return new InhibitionSource(fingerprintOf(labels), labels, firing, 0L, at, "alerts/1/5#0");
    }

    /**
     * The flushes at which HostDown (warning, cluster c1, firing from T0) was muted, when DbDown's
     * changes reach the group stage: after a watermark of {@code watermarkFirst} (or in time).
     */
    private List<Long> inhibitedAt(
            LateControls recorded, Long watermarkFirst, InhibitionSource... changes)
            throws Exception {
        var h =
                harness(
                        recorded,
                        AlertLifecycle.DEFAULTS.catchUpAfter(),
                        List.of(CRITICAL_MUTES_WARNING));
        h.processElement(
                routed(
                        firing("HostDown")
                                .label("severity", "warning")
                                .label("cluster", "c1")
                                .at(T0),
                        routes),
                T0);
        if (watermarkFirst != null) {
            h.watermark(watermarkFirst);
        }
        for (InhibitionSource change : changes) {
            h.processBroadcastElement(GroupControl.of(change), change.eventTime());
        }
        h.watermark(END);
        List<Long> muted = mutedAt(h);
        recordedRows = lateRows(h);
        recordedPages = h.extractOutputValues();
        h.close();
        return muted;
    }

    private List<Notification> recordedPages = List.of();

    @Test
    void anInhibitionSourceBehindTheWatermarkInhibitsFromJustAfterItAndReplaysThereFromItsRecord()
            throws Exception {
        List<Long> live = inhibitedAt(LateControls.NONE, LIVE_WATERMARK, DB_DOWN_FIRES);
        List<ArchiveRecord> rows = recordedRows;
        List<Notification> livePages = recordedPages;

        // The two flushes made before it arrived paged HostDown; the next one is inhibited.
        assertThat(live).containsExactly(LIVE_WATERMARK + GROUP_INTERVAL);
        assertThat(rows)
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row.outcome()).isEqualTo(LateControls.STAGE);
                            assertThat(row.eventTime()).isEqualTo(ONE_MINUTE_LATER);
                            assertThat(row.key())
                                    .isEqualTo(
                                            "source:"
                                                    + DB_DOWN_FIRES.fingerprint()
                                                    + "|"
                                                    + ONE_MINUTE_LATER
                                                    + "|firing|alerts/1/5#0|0/1/1");
                            assertThat(row.payloadJson())
                                    .contains("\"appliedAt\":" + (LIVE_WATERMARK + 1));
                        });

        assertThat(inhibitedAt(LateControls.NONE, null, DB_DOWN_FIRES))
                .as("a replay without the record inhibits from the change's own time")
                .containsExactly(FIRST_FLUSH + GROUP_INTERVAL);

        assertThat(
                        inhibitedAt(
                                LateControls.recorded(
                                        Map.of(rows.get(0).key(), LIVE_WATERMARK + 1)),
                                null,
                                DB_DOWN_FIRES))
                .isEqualTo(live);
        assertThat(recordedPages).isEqualTo(livePages);
        assertThat(recordedRows).isEmpty();
    }

    @Test
    void aLateResolveOfAnInhibitionSourceLiftsItFromJustAfterTheWatermarkAndReplaysThere()
            throws Exception {
        InhibitionSource fires = dbDown(true, T0);
        InhibitionSource resolves = dbDown(false, ONE_MINUTE_LATER);
        // Live, DbDown's firing arrives in time and its resolve only after the watermark passed
        // two flushes: both were inhibited, and HostDown pages again from the next one.
        var live =
                harness(
                        LateControls.NONE,
                        AlertLifecycle.DEFAULTS.catchUpAfter(),
                        List.of(CRITICAL_MUTES_WARNING));
        live.processElement(
                routed(
                        firing("HostDown")
                                .label("severity", "warning")
                                .label("cluster", "c1")
                                .at(T0),
                        routes),
                T0);
        live.processBroadcastElement(GroupControl.of(fires), T0);
        live.watermark(LIVE_WATERMARK);
        live.processBroadcastElement(GroupControl.of(resolves), ONE_MINUTE_LATER);
        live.watermark(END);
        List<Notification> livePages = live.extractOutputValues();
        List<ArchiveRecord> rows = lateRows(live);
        live.close();
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.key()).contains("|resolved|"));

        inhibitedAt(LateControls.NONE, null, fires, resolves);
        assertThat(recordedPages)
                .as("a replay without the record pages HostDown at the second flush already")
                .isNotEqualTo(livePages);

        inhibitedAt(
                LateControls.recorded(Map.of(rows.get(0).key(), LIVE_WATERMARK + 1)),
                null,
                fires,
                resolves);
        assertThat(recordedPages).isEqualTo(livePages);
    }
}
