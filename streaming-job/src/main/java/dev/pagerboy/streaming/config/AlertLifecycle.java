package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long an alert stays open and how long the job remembers it, by event time (section {@code
 * alert_state} of {@code pagerboy.yaml}; the rules per input format are in docs/INGEST.md).
 *
 * <p>A firing alert's dedup and group state lives until the alert ends, never on a clock of its
 * own: until a resolve arrives, until the alert's own {@code endsAt} passes, for Alertmanager input
 * without {@code endsAt} until {@code resolveTimeout} after its last firing message (when set), and
 * otherwise until {@code maxOpenAge} after its last firing message. Each of the last three is an
 * archived decision with its reason. Only what is no longer firing is forgotten by retention.
 *
 * @param resolvedRetention how long after its last alert the state of a fingerprint that is not
 *     firing (its remembered event ids, which detect re-deliveries) is kept; also the retention of
 *     the handler's per-fingerprint VM state
 * @param resolveTimeout Alertmanager's {@code resolve_timeout}: an Alertmanager-format alert that
 *     carries no {@code endsAt} resolves this long after its last firing message, as Alertmanager's
 *     API does for alerts posted without {@code endsAt}; {@link Duration#ZERO} turns it off (the
 *     default: an upstream Alertmanager's webhook re-sends a firing alert only every {@code
 *     repeat_interval} and zeroes its {@code endsAt}, so a short timeout would end every alert
 *     between two re-sends)
 * @param maxOpenAge how long a firing alert that has no other end (PagerDuty triggers, native
 *     alerts without {@code endsAt}, Alertmanager alerts while {@code resolveTimeout} is off) stays
 *     open after its last firing message; bounds the state of alerts whose resolve was lost
 * @param catchUpAfter how long the input (ticks, silences, the group's own alerts) may be silent
 *     before a group stops flushing every {@code group_interval} and waits for the input to resume,
 *     then flushes once (docs/OPERATIONS.md, "Catch-up")
 */
public record AlertLifecycle(
        Duration resolvedRetention,
        Duration resolveTimeout,
        Duration maxOpenAge,
        Duration catchUpAfter)
        implements Serializable {

    public static final AlertLifecycle DEFAULTS =
            new AlertLifecycle(
                    Duration.ofHours(24), Duration.ZERO, Duration.ofDays(30), Duration.ofHours(25));

    public AlertLifecycle {
        requirePositive(resolvedRetention, "resolvedRetention");
        if (resolveTimeout == null || resolveTimeout.isNegative()) {
            throw new IllegalArgumentException("resolveTimeout must not be negative");
        }
        requirePositive(maxOpenAge, "maxOpenAge");
        requirePositive(catchUpAfter, "catchUpAfter");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public AlertLifecycle withResolvedRetention(Duration d) {
        return new AlertLifecycle(d, resolveTimeout, maxOpenAge, catchUpAfter);
    }

    public AlertLifecycle withResolveTimeout(Duration d) {
        return new AlertLifecycle(resolvedRetention, d, maxOpenAge, catchUpAfter);
    }

    public AlertLifecycle withMaxOpenAge(Duration d) {
        return new AlertLifecycle(resolvedRetention, resolveTimeout, d, catchUpAfter);
    }

    public AlertLifecycle withCatchUpAfter(Duration d) {
        return new AlertLifecycle(resolvedRetention, resolveTimeout, maxOpenAge, d);
    }
}
