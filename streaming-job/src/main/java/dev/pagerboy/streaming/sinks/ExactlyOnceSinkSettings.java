package dev.pagerboy.streaming.sinks;

import dev.pagerboy.alerts.Durations;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the job writes its output topics.
 *
 * @param bootstrapServers Kafka {@code host:port} list
 * @param transactionalIdPrefix unique per job on one Kafka cluster: two jobs with the same prefix
 *     fence each other's transactions. Each sink appends its own role to it.
 * @param transactionTimeout must stay below the broker's {@code transaction.max.timeout.ms} (15 min
 *     by default; the client's default of 1 h is rejected) and well above the longest checkpoint
 *     plus restart time, or the broker aborts a transaction Flink still means to commit
 */
public record ExactlyOnceSinkSettings(
        String bootstrapServers, String transactionalIdPrefix, Duration transactionTimeout)
        implements Serializable {

    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    /** The share of the transaction timeout that two checkpoints may take (the rest is margin). */
    private static final double CHECKPOINTS_SHARE = 0.8;

    public ExactlyOnceSinkSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must be set");
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("transactional id prefix must be set");
        }
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
            throw new IllegalArgumentException("transaction timeout must be positive");
        }
    }

    /**
     * The longest a checkpoint may take before Flink gives it up, so that no output transaction
     * outlives {@link #transactionTimeout} (chaos finding 18).
     *
     * <p>A sink's transaction opens when the sink takes checkpoint n−1's snapshot and is committed
     * when checkpoint n completes: it lives at most one checkpoint timeout (the rest of n−1), one
     * {@code checkpointInterval} and another checkpoint timeout (n). If it lives longer than the
     * transaction timeout, the broker aborts it, and Flink's Kafka committer only logs that it
     * could not commit: the checkpoint stands, its source offsets move on, and the transaction's
     * records are lost. Two checkpoint timeouts plus the interval are held to 80 % of the
     * transaction timeout. A checkpoint that takes longer expires instead, which fails the job over
     * to the last completed checkpoint (no failed checkpoint is tolerated): the open transactions
     * are aborted, and their records are made again from the restored offsets.
     *
     * @throws IllegalArgumentException naming both, when the interval leaves no time for a
     *     checkpoint within the transaction timeout
     */
    public Duration checkpointTimeout(Duration checkpointInterval) {
        long interval = checkpointInterval.toMillis();
        long timeout = ((long) (transactionTimeout.toMillis() * CHECKPOINTS_SHARE) - interval) / 2;
        long shortest = Math.max(interval / 2, 1_000);
        if (timeout < shortest) {
            long needed = (long) Math.ceil((2 * shortest + interval) / CHECKPOINTS_SHARE);
            throw new IllegalArgumentException(
                    "transaction timeout "
                            + Durations.format(transactionTimeout)
                            + " (--transaction-timeout) is too short for checkpoint interval "
                            + Durations.format(checkpointInterval)
                            + " (checkpoint_interval): a transaction lives for up to two"
                            + " checkpoints and an interval; give it at least "
                            + Durations.format(Duration.ofMillis(needed)));
        }
        return Duration.ofMillis(timeout);
    }
}
