package dev.pagerboy.streaming.records;

import java.util.Locale;

/**
 * Why dedup ended a firing alert that no resolve message ended (docs/INGEST.md, "When an alert
 * ends"). Archived as the {@code reason} of an {@code auto_resolved} dedup row.
 */
public enum AlertEnd {
    /** The alert's own {@code endsAt} passed without a later firing message moving it. */
    ENDS_AT,
    /**
     * An Alertmanager alert without {@code endsAt} was not re-sent within {@code resolve_timeout}.
     */
    RESOLVE_TIMEOUT,
    /** No firing message for {@code max_open_age}, and the alert had no other way to end. */
    MAX_OPEN_AGE;

    /** The archived text: the name in lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
