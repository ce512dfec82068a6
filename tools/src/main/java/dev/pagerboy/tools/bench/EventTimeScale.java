package dev.pagerboy.tools.bench;

/**
 * Moves a recorded or generated stream's timestamps onto another event-time rate, linearly around
 * its first timestamp: order, ties and the ratios between gaps stay as they were, only the clock
 * runs faster (or slower). The throughput run uses it to turn weeks of generated alarm history into
 * seconds of event time, so that the job sees the event-time density of a live stream at the given
 * rate instead of a catch-up replay of old history (whose every checkpoint spans many event hours).
 *
 * <p>Everything measured in event time shrinks by the same {@link #factor}: the generator's repeat
 * interval, flap gaps and alert durations included, while the job's configured intervals (for
 * example {@code repeat_interval}) do not, see {@link #scaledMillis}.
 *
 * @param origin the first timestamp, kept as it is (epoch milliseconds)
 * @param factor new duration over old duration; 1 leaves timestamps unchanged
 */
record EventTimeScale(long origin, double factor) {

    EventTimeScale {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be positive, got " + factor);
        }
    }

    /** Leaves timestamps as they are (history mode). */
    static EventTimeScale identity() {
        return new EventTimeScale(0, 1);
    }

    /**
     * The scale that makes {@code records} timestamps spanning {@code first..last} arrive at {@code
     * eventsPerSecond} of event time on average: the rescaled span is {@code (records - 1) /
     * eventsPerSecond} seconds. A stream with fewer than two records or no span is left as it is.
     */
    static EventTimeScale toRate(long first, long last, long records, double eventsPerSecond) {
        if (last < first) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "event rate must be positive, got " + eventsPerSecond);
        }
        if (records < 2 || last == first) {
            return new EventTimeScale(first, 1);
        }
        double targetSpanMillis = (records - 1) * 1000.0 / eventsPerSecond;
        return new EventTimeScale(first, targetSpanMillis / (last - first));
    }

    /** The rescaled timestamp; never decreases when {@code timestamp} does not. */
    long apply(long timestamp) {
        return origin + Math.round((timestamp - origin) * factor);
    }

    /** How long a duration of the original stream lasts after rescaling. */
    double scaledMillis(double originalMillis) {
        return originalMillis * factor;
    }
}
