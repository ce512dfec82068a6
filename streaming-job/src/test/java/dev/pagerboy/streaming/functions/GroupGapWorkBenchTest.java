package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a gap in the input costs the group stage, in timer work per watermark advance: open groups
 * whose input stops, then resumes after a gap, with the watermark crossing the silent stretch in
 * one jump or in many steps. Prints a table for docs/BENCHMARKS.md ("Work per watermark advance");
 * run with
 *
 * <pre>
 * mvn -B -o -pl streaming-job -am -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=GroupGapWorkBenchTest -Dpagerboy.bench.gapWork=5 test
 * </pre>
 *
 * (the value is the number of runs per row; the figures are medians).
 */
@EnabledIfSystemProperty(named = "pagerboy.bench.gapWork", matches = "\\d+")
class GroupGapWorkBenchTest extends AlertTestBase {

    private static final int GROUPS = 1_000;
    private static final Duration CATCH_UP_AFTER = Duration.ofHours(1);
    private static final long DAY = 24 * ONE_HOUR;

    private final RouteTree routes = defaultRoutes();

    @Test
    void gapLengthAndWatermarkStepsAgainstTimerWork() throws Exception {
        int runs = Integer.getInteger("pagerboy.bench.gapWork");
        System.out.println("| gap | watermark steps across it | flushes | wall ms (median) |");
        System.out.println("|---|---|---|---|");
        for (long gapDays : new long[] {1, 30, 330, 3650}) {
            row(gapDays, 1, runs);
        }
        for (int steps : new int[] {10, 100, 1000}) {
            row(330, steps, runs);
        }
    }

    private void row(long gapDays, int steps, int runs) throws Exception {
        List<Long> millis = new ArrayList<>();
        long flushes = 0;
        for (int r = 0; r < runs; r++) {
            long[] measured = acrossGap(gapDays * DAY, steps);
            millis.add(measured[0]);
            flushes = measured[1];
        }
        millis.sort(null);
        System.out.printf(
                "| %,d days | %,d | %,d | %,d |%n", gapDays, steps, flushes, millis.get(runs / 2));
    }

    /**
     * {@link #GROUPS} open groups with ticks for two hours, then silence for {@code gap}, crossed
     * by the watermark in {@code steps} equal steps, then a tick: the wall time from the end of the
     * ticks to the flushes after the gap, and the flushes made in that time.
     */
    private long[] acrossGap(long gap, int steps) throws Exception {
        var h = newHarness();
        for (int i = 0; i < GROUPS; i++) {
            h.processElement(routed(firing("Down" + i).at(T0), routes), T0);
        }
        long lastTick = T0 + 2 * ONE_HOUR;
        for (long t = T0; t <= lastTick; t += 5 * ONE_MINUTE) {
            h.processBroadcastElement(GroupControl.of(new Tick(t)), t);
        }
        h.watermark(lastTick);
        int before = flushes(h).size();
        long resumed = lastTick + gap;
        long started = System.nanoTime();
        for (int s = 1; s <= steps; s++) {
            h.watermark(lastTick + gap * s / steps - 1);
        }
        h.processBroadcastElement(GroupControl.of(new Tick(resumed)), resumed);
        h.watermark(resumed);
        long elapsed = System.nanoTime() - started;
        int after = flushes(h).size();
        assertThat(h.numEventTimeTimers()).isEqualTo(GROUPS);
        h.close();
        return new long[] {Duration.ofNanos(elapsed).toMillis(), after - before};
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            newHarness() throws Exception {
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
        h.open();
        return h;
    }
}
