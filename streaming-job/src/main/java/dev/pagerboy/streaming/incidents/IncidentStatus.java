package dev.pagerboy.streaming.incidents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an incident is in its life: triggered → acknowledged → resolved. */
public enum IncidentStatus {
    /** Open and nobody has acknowledged it: escalation runs. */
    TRIGGERED,
    /** Someone is on it: escalation stops. */
    ACKNOWLEDGED,
    /** Over: by the group resolving, a signed resolve, or the policy's final action. */
    RESOLVED;

    /** The text on the {@code incidents} topic and in the archive. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
