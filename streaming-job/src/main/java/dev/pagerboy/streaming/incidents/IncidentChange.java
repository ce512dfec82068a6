package dev.pagerboy.streaming.incidents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one incident transition did: the {@code outcome} of its {@code incident} archive row. */
public enum IncidentChange {
    /** A group flush that notifies opened the incident. */
    TRIGGERED,
    /** An escalation level was paged (level 1 at the trigger, then each timeout). */
    ESCALATED,
    /** An accepted ack. */
    ACKNOWLEDGED,
    /** An accepted unack: back to triggered, escalation starts again at level 1. */
    UNACKNOWLEDGED,
    /** Every level of every round went unanswered; the policy's final action ran. */
    EXHAUSTED,
    /** The group resolved, someone signed a resolve, or the final action resolved it. */
    RESOLVED;

    /** The archived text, e.g. {@code acknowledged}. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
