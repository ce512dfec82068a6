package dev.pagerboy.streaming.records;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What armed a group flush (the {@code trigger} of a {@code flush} archive row, archived as the
 * lower-case name).
 */
public enum FlushTrigger {
    /** The group's first flush, {@code group_wait} after its first alert. */
    GROUP_WAIT,
    /** A later flush, {@code group_interval} after the previous one. */
    GROUP_INTERVAL,
    /**
     * A flush that fell due while the input was silent for longer than {@code catch_up_after}, made
     * once when the input resumed instead of once per missed {@code group_interval}.
     */
    CATCH_UP;

    /** The archived text. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
