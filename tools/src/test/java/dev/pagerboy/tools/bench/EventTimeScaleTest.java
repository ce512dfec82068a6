package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EventTimeScaleTest {

    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long DAY = 86_400_000L;

    @Test
    void rescaledStreamHasTheRequestedEventRate() {
        // 100,001 alerts over 18 days become 10 s at 10,000 alerts/s.
        EventTimeScale scale = EventTimeScale.toRate(START, START + 18 * DAY, 100_001, 10_000);

        assertThat(scale.apply(START)).isEqualTo(START);
        assertThat(scale.apply(START + 18 * DAY)).isEqualTo(START + 10_000);
        assertThat(scale.factor()).isCloseTo(10_000.0 / (18 * DAY), within(1e-15));
    }

    @Test
    void keepsOrderTiesAndGapRatios() {
        long[] sent = {START, START, START + 3_600_000, START + 7_200_000, START + 14_400_000};
        EventTimeScale scale = EventTimeScale.toRate(sent[0], sent[4], sent.length, 1);

        long[] scaled = new long[sent.length];
        for (int i = 0; i < sent.length; i++) {
            scaled[i] = scale.apply(sent[i]);
        }

        assertThat(scaled).isSorted();
        assertThat(scaled[1]).isEqualTo(scaled[0]);
        // gaps of 1 h, 1 h and 2 h keep their 1:1:2 ratio: 1 s, 1 s, 2 s
        assertThat(scaled).containsExactly(START, START, START + 1000, START + 2000, START + 4000);
    }

    @Test
    void neverReordersEvenWhenGapsRoundToZero() {
        EventTimeScale scale = EventTimeScale.toRate(START, START + DAY, 1_000_001, 1_000_000);
        long previous = Long.MIN_VALUE;
        for (long t = START; t <= START + DAY; t += 997) {
            long now = scale.apply(t);
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
    }

    @Test
    void durationsShrinkByTheSameFactor() {
        // 18 days to 10 s: the generator's 4 h repeat interval becomes about 93 ms.
        EventTimeScale scale = EventTimeScale.toRate(START, START + 18 * DAY, 100_001, 10_000);
        assertThat(scale.scaledMillis(4 * 3_600_000)).isCloseTo(92.6, within(0.1));
    }

    @Test
    void identityAndDegenerateStreamsKeepTheirTimestamps() {
        assertThat(EventTimeScale.identity().apply(START + 123)).isEqualTo(START + 123);
        assertThat(EventTimeScale.toRate(START, START, 5, 10).apply(START)).isEqualTo(START);
        assertThat(EventTimeScale.toRate(START, START + DAY, 1, 10).factor()).isEqualTo(1);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> EventTimeScale.toRate(START, START - 1, 10, 10))
                .hasMessageContaining("before first");
        assertThatThrownBy(() -> EventTimeScale.toRate(START, START + 1, 10, 0))
                .hasMessageContaining("event rate must be positive");
        assertThatThrownBy(() -> new EventTimeScale(START, 0))
                .hasMessageContaining("factor must be positive");
    }
}
