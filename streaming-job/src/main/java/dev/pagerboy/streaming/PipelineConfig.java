package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.PagerBoyConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the {@link Pipeline}'s functions need to decide, and nothing about where data comes
 * from or goes to: the validated {@code pagerboy.yaml} (routes, inhibit rules, static silences,
 * receivers, handler ROMs as bytes) plus the retention of per-key state. Immutable and
 * serializable, so its pieces travel inside the functions to a cluster.
 *
 * @param config the validated configuration file
 * @param stateRetention how long (event time) after its last alert a fingerprint's dedup state
 *     (episode, remembered event ids) and its handler VM state are kept; should exceed every
 *     route's {@code repeat_interval}, or a repeat after the state expired pages as a new firing.
 *     Groups need no retention: a group is deleted once its alerts are resolved and told.
 */
public record PipelineConfig(PagerBoyConfig config, Duration stateRetention)
        implements Serializable {

    /** Retention used when the caller does not choose one: a day of event time. */
    public static final Duration DEFAULT_STATE_RETENTION = Duration.ofHours(24);

    public PipelineConfig {
        Objects.requireNonNull(config, "config");
        if (stateRetention == null || stateRetention.isNegative() || stateRetention.isZero()) {
            throw new IllegalArgumentException(
                    "stateRetention must be positive: " + stateRetention);
        }
    }

    public static PipelineConfig of(PagerBoyConfig config) {
        return new PipelineConfig(config, DEFAULT_STATE_RETENTION);
    }
}
