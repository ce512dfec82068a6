package dev.pagerboy.dispatcher.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the dispatcher's work on one page ended; the receipt's {@code outcome} field. */
public enum Outcome {
    DELIVERED,
    FAILED;

    /** The word receipts and metrics use: {@code delivered} or {@code failed}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
