package dev.pagerboy.streaming.sinks;

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
}
