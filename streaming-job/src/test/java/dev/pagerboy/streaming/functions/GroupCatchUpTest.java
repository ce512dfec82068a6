package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.FlushTrigger;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Groups after a gap in the input: each flushes once when the input resumes, pages a repeat at most
 * once, and keeps its state and timers bounded, whatever the gap's length and however the watermark
 * crossed it.
 */
class GroupCatchUpTest extends AlertTestBase {

    private static final long GAP = 330 * 24 * ONE_HOUR; // about 11 months
    private static final Duration CATCH_UP_AFTER = Duration.ofHours(1);

    private final RouteTree routes = defaultRoutes();

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            newHarness(OperatorSubtaskState state) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new GroupFunction(routes, List.of(), List.of(), CATCH_UP_AFTER),
                                GroupFunction.BROADCAST_STATES),
                        RoutedAlert::groupKey,
                        Types.STRING,
                        1,
                        1,
                        0);
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static void tick(
            KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification> h,
            long time)
            throws Exception {
        h.processBroadcastElement(GroupControl.of(new Tick(time)), time);
    }

    @Test
    void aThousandOpenGroupsFlushOnceAfterAnElevenMonthGap() throws Exception {
        var h = newHarness(null);
        for (int i = 0; i < 1000; i++) {
            h.processElement(routed(firing("Down" + i).at(T0), routes), T0);
        }
        for (long t = T0; t <= T0 + 2 * ONE_HOUR; t += 5 * ONE_MINUTE) {
            tick(h, t);
        }
        h.watermark(T0 + 2 * ONE_HOUR);
        assertThat(h.numEventTimeTimers()).isEqualTo(1000);

        long resumed = T0 + GAP;
        tick(h, resumed);
        tick(h, resumed + 5 * ONE_MINUTE);
        h.watermark(resumed + 5 * ONE_MINUTE);

        // Groups flush while the input went on, up to catch_up_after past the last tick, then
        // wait: twelve flushes each after the last tick, not one per missed interval (95,000).
        long lastTickBeforeGap = T0 + 2 * ONE_HOUR;
        assertThat(
                        flushes(h).stream()
                                .filter(f -> f.eventTime() > lastTickBeforeGap)
                                .filter(f -> f.eventTime() < resumed))
                .hasSize(12_000);
        List<GroupFlush> flushes =
                flushes(h).stream().filter(f -> f.eventTime() >= resumed).toList();
        // One catch-up flush per group at the first tick after the gap, and one more
        // group_interval later.
        assertThat(flushes).hasSize(2000);
        assertThat(flushes.stream().filter(f -> f.eventTime() == resumed))
                .hasSize(1000)
                .allMatch(f -> f.trigger() == FlushTrigger.CATCH_UP);
        // A repeat page at most once per group after the gap.
        List<Notification> pagesAfter =
                h.extractOutputValues().stream().filter(n -> n.eventTime() >= resumed).toList();
        Map<String, Long> perGroup =
                pagesAfter.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Notification::groupKey, Collectors.counting()));
        assertThat(perGroup).hasSize(1000).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
        assertThat(h.numEventTimeTimers()).isEqualTo(1000); // the next group_interval each
        h.close();
    }

    @Test
    void catchUpIsTheSameWhetherTheWatermarkCrossesTheGapInStepsOrInOneJump() throws Exception {
        List<GroupFlush> jump = runOverGap(List.of(T0 + GAP + ONE_HOUR));
        List<Long> steps = new ArrayList<>();
        for (long t = T0 + ONE_MINUTE; t < T0 + GAP + ONE_HOUR; t += 7 * 24 * ONE_HOUR) {
            steps.add(t);
        }
        steps.add(T0 + GAP + ONE_HOUR);
        List<GroupFlush> stepped = runOverGap(steps);

        assertThat(stepped).isEqualTo(jump);
        assertThat(jump.stream().filter(f -> f.trigger() == FlushTrigger.CATCH_UP)).hasSize(2);
    }

    private List<GroupFlush> runOverGap(List<Long> watermarks) throws Exception {
        var h = newHarness(null);
        h.processElement(routed(firing("A").at(T0), routes), T0);
        h.processElement(routed(firing("B").at(T0), routes), T0);
        tick(h, T0);
        // B resolves during the gap: its group learns it when the input resumes.
        h.processElement(routed(resolved("B").at(T0 + 40 * 24 * ONE_HOUR), routes), T0);
        tick(h, T0 + GAP);
        tick(h, T0 + GAP + ONE_HOUR);
        for (long w : watermarks) {
            h.watermark(w);
        }
        List<GroupFlush> flushes = flushes(h);
        h.close();
        return flushes;
    }

    @Test
    void aWaitingGroupSurvivesARestore() throws Exception {
        var h = newHarness(null);
        h.processElement(routed(firing("A").at(T0), routes), T0);
        tick(h, T0);
        h.watermark(T0 + 3 * ONE_HOUR);
        int pages = h.extractOutputValues().size();
        OperatorSubtaskState snapshot = h.snapshot(1L, 1L);
        h.close();

        h = newHarness(snapshot);
        tick(h, T0 + GAP);
        h.watermark(T0 + GAP);

        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.extractOutputValues().get(0).eventTime()).isEqualTo(T0 + GAP);
        assertThat(pages).isGreaterThan(0);
        h.close();
    }
}
