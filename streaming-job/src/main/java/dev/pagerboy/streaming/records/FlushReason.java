package dev.pagerboy.streaming.records;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a group flush notified, or why it did not: the {@code outcome} of a {@code flush} archive row
 * and the {@code reason} in its payload (archived as the lower-case name, e.g. {@code
 * repeat_interval}).
 */
public enum FlushReason {
    /** The set of firing, unmuted alerts changed since the last notification, or some ended. */
    CHANGED(true),
    /** Nothing changed, but {@code repeat_interval} has passed since the last notification. */
    REPEAT_INTERVAL(true),
    /** Nothing changed and the repeat is not due. */
    UNCHANGED(false),
    /** Every alert that would be told is silenced or inhibited. */
    ALL_MUTED(false),
    /** Nothing to tell: the group holds no alert that fires or newly ended. */
    EMPTY(false);

    private final boolean notifies;

    FlushReason(boolean notifies) {
        this.notifies = notifies;
    }

    /** Whether a flush with this reason sends a notification. */
    public boolean notifies() {
        return notifies;
    }

    /** The archived text. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
