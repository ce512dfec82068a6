package dev.pagerboy.streaming.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WallClockTicksTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final BlockingQueue<long[]> SEEN = new LinkedBlockingQueue<>();

    @Test
    void realTimeClockIsTheWallClock() {
        assertThat(TickClock.REAL_TIME.eventTimeAt(1_764_334_800_123L))
                .isEqualTo(1_764_334_800_123L);
    }

    @Test
    void acceleratedClockRunsFromItsOriginAtItsSpeed() {
        long event = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long wall = Instant.parse("2026-11-28T13:00:00Z").toEpochMilli();
        TickClock clock = new TickClock(event, wall, 60);

        assertThat(clock.eventTimeAt(wall)).isEqualTo(event);
        assertThat(clock.eventTimeAt(wall + 1_000)).isEqualTo(event + 60_000);
        assertThat(clock.eventTimeAt(wall + 500)).isEqualTo(event + 30_000);
    }

    @Test
    void refusesAClockThatDoesNotMoveForward() {
        assertThatThrownBy(() -> new TickClock(0, 0, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TickClock(0, 0, -2)).hasMessageContaining("positive");
    }

    @Test
    void emitsStrictlyIncreasingWallClockTicksThatAdvanceTheWatermark() throws Exception {
        SEEN.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WallClockTicks.stream(env, TickClock.REAL_TIME, Duration.ofMillis(100), Duration.ZERO)
                .process(new RecordTickAndWatermark())
                .setParallelism(1)
                .addSink(new DiscardingSink<>());
        long before = System.currentTimeMillis();
        WatchedJob job = WatchedJob.onCluster(FLINK, env.executeAsync("wall clock ticks"));
        List<long[]> ticks = new ArrayList<>();
        try {
            // The first tick comes once the job has started, which takes a while on a busy machine.
            job.await("8 ticks", Duration.ofMinutes(2), () -> SEEN.size() >= 8);
            while (ticks.size() < 8) {
                ticks.add(SEEN.remove());
            }
        } finally {
            job.client().cancel().get(1, TimeUnit.MINUTES);
        }
        long after = System.currentTimeMillis();

        for (int i = 0; i < ticks.size(); i++) {
            long tick = ticks.get(i)[0];
            assertThat(tick).isBetween(before, after + ticks.size());
            if (i > 0) {
                assertThat(tick)
                        .as("ticks are unique by event time")
                        .isGreaterThan(ticks.get(i - 1)[0]);
                // the watermark trails the ticks: event time advances with them
                assertThat(ticks.get(i)[1]).isGreaterThanOrEqualTo(ticks.get(i - 1)[1]);
            }
        }
        assertThat(ticks.get(ticks.size() - 1)[1])
                .as("watermark")
                .isGreaterThanOrEqualTo(before - 1);
    }

    /** Records each tick's event time with the watermark at the time it arrived. */
    private static final class RecordTickAndWatermark extends ProcessFunction<Tick, Tick> {
        @Override
        public void processElement(Tick tick, Context ctx, Collector<Tick> out) {
            SEEN.add(new long[] {tick.eventTime(), ctx.timerService().currentWatermark()});
            out.collect(tick);
        }
    }
}
