package dev.pagerboy.streaming.sources;

import java.io.Serializable;

/**
 * Maps wall-clock time to the event time of ticks. Live jobs run at {@code speed} 1 with both
 * origins 0, so a tick's event time is simply the wall clock. The demo replays a dataset faster
 * than real time: it starts the job with the dataset's first event time as {@code eventOrigin}, the
 * moment it starts feeding as {@code wallOrigin}, and its speed-up factor, so that ticks and the
 * demo's alert timestamps advance together.
 *
 * <p>Both origins are configuration, not captured when the source starts, so a restarted job keeps
 * the same mapping instead of jumping back to the origin.
 *
 * @param eventOrigin event time (epoch ms) that corresponds to {@code wallOrigin}
 * @param wallOrigin wall-clock time (epoch ms) that corresponds to {@code eventOrigin}
 * @param speed event-time milliseconds per wall-clock millisecond (1 = real time)
 */
public record TickClock(long eventOrigin, long wallOrigin, double speed) implements Serializable {

    public static final TickClock REAL_TIME = new TickClock(0, 0, 1.0);

    public TickClock {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be positive, was " + speed);
        }
    }

    /** The event time at wall-clock time {@code wallMillis}. */
    public long eventTimeAt(long wallMillis) {
        return eventOrigin + Math.round((wallMillis - wallOrigin) * speed);
    }
}
