package dev.pagerboy.tools.demo;

/**
 * The accelerated clock of a replay: event time runs {@code speed} times faster than the wall clock
 * from the moment the replay starts, so three weeks of alerts play back in under a minute with
 * their original spacing.
 */
final class ReplayClock {

    private final long eventOrigin;
    private final long wallOriginNanos;
    private final double speed;

    /**
     * A clock whose event time is {@code eventOrigin} now and advances {@code speed}× wall time.
     */
    ReplayClock(long eventOrigin, double speed) {
        this.eventOrigin = eventOrigin;
        this.wallOriginNanos = System.nanoTime();
        this.speed = speed;
    }

    /** The replay's current event time, epoch milliseconds. */
    long now() {
        return eventOrigin + (long) ((System.nanoTime() - wallOriginNanos) / 1e6 * speed);
    }

    /** Sleeps until the replay's event time reaches {@code eventTime}. */
    void sleepUntil(long eventTime) throws InterruptedException {
        long wallMillis = (long) ((eventTime - eventOrigin) / speed);
        long dueNanos = wallOriginNanos + wallMillis * 1_000_000L;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        }
    }

    double speed() {
        return speed;
    }
}
