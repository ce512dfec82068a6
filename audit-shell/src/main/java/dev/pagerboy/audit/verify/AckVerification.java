package dev.pagerboy.audit.verify;

import java.util.List;

/**
 * The result of {@code ack verify}: one check per acknowledgment, and how long each pass took.
 *
 * @param checks one per acknowledgment, archive order
 * @param batches distinct batches whose stored root was read from the chain
 * @param rootsNanos time to read those roots
 * @param localNanos time to pair acks with receipts, recompute every leaf and check every proof
 *     locally (reading the archive and the chain not included)
 * @param viewCalls calls of the contract's {@code verify} view
 * @param viewNanos time those calls took
 */
public record AckVerification(
        List<AckCheck> checks,
        int batches,
        long rootsNanos,
        long localNanos,
        int viewCalls,
        long viewNanos) {

    public long count(AckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** Whether nothing failed (not yet anchored is not a failure). */
    public boolean clean() {
        return count(AckStatus.FAILED) == 0;
    }
}
