package dev.pagerboy.streaming.sources;

import dev.pagerboy.streaming.records.Tick;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job's clock: emits a {@link Tick} every {@code interval} of wall-clock time, stamped
 * with the {@link TickClock}'s event time. It is the only place where the job reads the wall clock.
 * Ticks make event-time timers fire (group waits, repeat intervals) when no alerts arrive; they
 * flow through the pipeline and the archive like any other input, so replay sees the same time the
 * live job saw without reading any clock.
 *
 * <p>Ticks carry the same out-of-orderness allowance as the Kafka inputs: a tick at wall time
 * {@code t} moves the watermark to {@code t - maxOutOfOrderness}, so an alert produced just before
 * the tick is still on time.
 */
public final class WallClockTicks {

    private WallClockTicks() {}

    public static DataStream<Tick> stream(
            StreamExecutionEnvironment env,
            TickClock clock,
            Duration interval,
            Duration maxOutOfOrderness) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + interval);
        }
        DataGeneratorSource<Tick> source =
                new DataGeneratorSource<>(
                        new ClockReading(clock),
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(1000.0 / interval.toMillis()),
                        TypeInformation.of(Tick.class));
        WatermarkStrategy<Tick> watermarks =
                WatermarkStrategy.<Tick>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((tick, ignored) -> tick.eventTime());
        // One clock for the whole job: parallel clocks would emit each tick once per subtask.
        return env.fromSource(source, watermarks, "ticks: wall clock")
                .setParallelism(1)
                .uid("source-ticks");
    }

    /**
     * Reads the wall clock once per tick. The rate limiter may release a short burst (after a stall
     * it catches up on missed permits), so two ticks can read the same millisecond; each tick is
     * made at least 1 ms later than the previous one, because a tick is identified by its event
     * time (in the archive, and in replay).
     */
    private static final class ClockReading implements GeneratorFunction<Long, Tick> {
        private static final long serialVersionUID = 1L;
        private final TickClock clock;
        private transient long last = Long.MIN_VALUE;

        ClockReading(TickClock clock) {
            this.clock = clock;
        }

        @Override
        public Tick map(Long sequence) {
            long now = clock.eventTimeAt(System.currentTimeMillis());
            last = last == Long.MIN_VALUE ? now : Math.max(now, last + 1);
            return new Tick(last);
        }
    }
}
