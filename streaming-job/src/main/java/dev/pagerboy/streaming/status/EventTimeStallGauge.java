package dev.pagerboy.streaming.status;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;

/**
 * The stall check as a metric of the job itself, so that a scrape of a cluster (or of {@code
 * ./pagerboy job --metrics-port}) shows what the status line shows ({@link EventTimeStall}): how
 * many seconds a stage's event time has stood still while records wait for it, 0 while it moves or
 * while nothing waits. A stage that holds records until the watermark passes them (dedup) knows
 * both: a record waits if it arrived with an event time after the watermark, and the watermark is
 * the stage's own. An alert rule picks the time that counts as a stall (docs/OPERATIONS.md).
 *
 * <p>The stage reports arrivals on its task thread; Flink's reporters read the gauge on theirs. The
 * watermark is read from the stage's timer service on the reporter's thread, as Flink's own
 * watermark gauges are: a value a moment old changes nothing here. Monitoring only: it reads the
 * wall clock and decides nothing.
 */
public final class EventTimeStallGauge implements Gauge<Long> {

    /** The gauge's name in its stage's {@code pagerboy.<stage>} group. */
    public static final String NAME = "eventTimeStalledSeconds";

    private final LongSupplier wallMillis;
    private volatile LongSupplier watermark;
    private volatile long newestArrival = Long.MIN_VALUE;
    private boolean seen;
    private long lastWatermark;
    private long unchangedSince;
    private long waitingSince = -1;

    EventTimeStallGauge(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** Registers a gauge on the wall clock under {@code group}. */
    public static EventTimeStallGauge register(MetricGroup group) {
        return group.gauge(NAME, new EventTimeStallGauge(System::currentTimeMillis));
    }

    /**
     * A record waits in the stage until the watermark passes {@code eventTime}; {@code timers} is
     * the stage's timer service (called on the stage's task thread).
     */
    public void waiting(long eventTime, TimerService timers) {
        if (watermark == null) {
            watermark = timers::currentWatermark;
        }
        waiting(eventTime);
    }

    /** As {@link #waiting(long, TimerService)}, with the watermark read from {@code watermark}. */
    void waiting(long eventTime, LongSupplier currentWatermark) {
        if (watermark == null) {
            watermark = currentWatermark;
        }
        waiting(eventTime);
    }

    private void waiting(long eventTime) {
        if (eventTime > newestArrival) {
            newestArrival = eventTime;
        }
    }

    /**
     * Seconds the watermark has stood still while a record waits for it, as seen by the reads of
     * this gauge (so to within one read interval).
     */
    @Override
    public synchronized Long getValue() {
        LongSupplier source = watermark;
        if (source == null) {
            return 0L; // nothing has arrived
        }
        long now = wallMillis.getAsLong();
        long current = source.getAsLong();
        // A record waits while it is after the watermark; a quiet stage's still watermark was no
        // stall before one arrived.
        boolean waiting = newestArrival > current;
        if (!waiting) {
            waitingSince = -1;
        } else if (waitingSince < 0) {
            waitingSince = now;
        }
        if (!seen || current != lastWatermark) {
            seen = true;
            lastWatermark = current;
            unchangedSince = now;
            return 0L;
        }
        if (!waiting) {
            return 0L;
        }
        return (now - Math.max(unchangedSince, waitingSince)) / 1000;
    }
}
