package dev.pagerboy.streaming.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.RawInput;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * A live input partition that falls silent stops holding event time after the idle timeout; a
 * bounded one never does, so a replay cannot make its own records late by stalling.
 */
class KafkaInputsWatermarksTest {

    private static final Duration IDLE = Duration.ofSeconds(10);

    @Test
    void aLivePartitionSilentForTheIdleTimeoutIsMarkedIdle() {
        Output out = silentFor(settings(false), IDLE.plusSeconds(1));

        assertThat(out.idle).isTrue();
    }

    @Test
    void aBoundedPartitionIsNeverMarkedIdleHoweverLongItStalls() {
        Output out = silentFor(settings(true), IDLE.multipliedBy(100));

        assertThat(out.idle).isFalse();
        assertThat(out.watermark).isEqualTo(1_000 - 1);
    }

    /** One record at event time 1 s, then {@code silence} on the input-activity clock. */
    private static Output silentFor(InputTopicSettings settings, Duration silence) {
        // Flink reads a start of inactivity of 0 as "none yet": the clock must not be at 0.
        ManualClock clock = new ManualClock(Duration.ofHours(1).toNanos());
        WatermarkGenerator<RawInput> generator =
                KafkaInputs.watermarks(settings).createWatermarkGenerator(context(clock));
        Output out = new Output();
        generator.onEvent(new RawInput("alerts", 0, 0, 1_000, null, new byte[0]), 1_000, out);
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out); // Flink's idleness timer notes here that silence began
        clock.advanceTime(silence);
        generator.onPeriodicEmit(out);
        return out;
    }

    private static InputTopicSettings settings(boolean bounded) {
        return new InputTopicSettings("localhost:9092", "test", Duration.ZERO, IDLE, bounded);
    }

    private static WatermarkGeneratorSupplier.Context context(RelativeClock clock) {
        return new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        };
    }

    private static final class Output implements WatermarkOutput {
        long watermark = Long.MIN_VALUE;
        boolean idle;

        @Override
        public void emitWatermark(Watermark mark) {
            watermark = mark.getTimestamp();
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }
}
