package dev.pagerboy.datasets.kafka;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sender to a target rate in records per second of wall-clock time, by sleeping whenever it
 * is ahead of schedule. Rate 0 means as fast as possible. The schedule is absolute (record n is due
 * at start + n/rate), so short stalls are caught up instead of lowering the average.
 */
public final class RatePacer {
    private final double nanosPerRecord;
    private final long startNanos;

    public RatePacer(double recordsPerSecond) {
        this.nanosPerRecord = recordsPerSecond > 0 ? 1e9 / recordsPerSecond : 0;
        this.startNanos = System.nanoTime();
    }

    /** Waits until record number {@code sent} (0-based) is due. */
    public void awaitTurn(long sent) {
        if (nanosPerRecord == 0) {
            return;
        }
        long due = startNanos + (long) (sent * nanosPerRecord);
        long ahead = due - System.nanoTime();
        if (ahead > 50_000) {
            LockSupport.parkNanos(ahead);
        }
    }
}
