package dev.pagerboy.streaming.records;

import java.util.List;

/**
 * The dedup stage's verdict on one parsed alert. Alerts whose verdict {@link Verdict#passes()} go
 * on to the handler; the others stop here, archived and counted.
 *
 * @param verdict what dedup decided
 * @param alert the alert the verdict is about
 * @param repeatCount how many firings of this fingerprint dedup has seen in the current firing
 *     episode before this one, including suppressed repeats (0 for a new firing); the handler sees
 *     it
 * @param previousEventTime event time of the last firing that passed, or 0 when there was none
 * @param lateByMillis how far behind dedup's watermark the alert arrived (its decision time minus
 *     its own event time), 0 when it was on time
 * @param endedBy for {@link Verdict#AUTO_RESOLVED}, why dedup ended the alert; else {@code null}
 * @param routeIds the ids of the routes the routing tree matches for the alert's labels, in tree
 *     order (the first is its primary route), so later stages need not match again; empty when
 *     dedup did not match (verdicts that stop here without a repeat interval)
 */
public record DedupOutcome(
        Verdict verdict,
        Alert alert,
        int repeatCount,
        long previousEventTime,
        long lateByMillis,
        AlertEnd endedBy,
        List<String> routeIds) {

    public DedupOutcome {
        routeIds = routeIds == null ? List.of() : routeIds;
    }

    /** An on-time verdict without a route match (tests, and verdicts that never route). */
    public DedupOutcome(Verdict verdict, Alert alert, int repeatCount, long previousEventTime) {
        this(verdict, alert, repeatCount, previousEventTime, 0L, null, List.of());
    }

    /** What dedup decided about one alert. */
    public enum Verdict {
        /** First firing of the fingerprint, or the first after it resolved or its state expired. */
        NEW_FIRING(true),
        /**
         * A firing again after {@code repeat_interval} has passed since the last one that passed.
         */
        REPEAT_FIRING(true),
        /** A firing within {@code repeat_interval} of the last one that passed: suppressed. */
        SUPPRESSED_REPEAT(false),
        /** A resolve of a firing fingerprint. */
        RESOLVED(true),
        /**
         * A firing alert ended by dedup itself at the event time its end was due, because no
         * resolve arrived: its own {@code endsAt} passed, or it was not re-sent within {@code
         * resolve_timeout} or {@code max_open_age} ({@link AlertEnd}). The alert passed on is a
         * resolved copy of its last firing message, so handler, groups and inhibition learn it
         * ended, exactly as from a resolve message.
         */
        AUTO_RESOLVED(true),
        /** A resolve of a fingerprint that is not firing (already resolved, or never seen). */
        RESOLVED_NOT_FIRING(false),
        /**
         * A PagerDuty {@code acknowledge} event: archived, but it neither pages nor changes the
         * firing episode. Acknowledgments belong to the incident lifecycle (next milestone).
         */
        ACKNOWLEDGE_RECORDED(false),
        /** The same source event ({@code eventId}) delivered again: dropped. */
        DUPLICATE_DELIVERY(false);

        private final boolean passes;

        Verdict(boolean passes) {
            this.passes = passes;
        }

        /** Whether the alert continues to the handler. */
        public boolean passes() {
            return passes;
        }

        /** The archive's {@code outcome} column for this verdict. */
        public String outcome() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
