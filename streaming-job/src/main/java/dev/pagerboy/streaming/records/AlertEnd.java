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

    /**
     * Marks a source reference as dedup's own decision, not an input: the resolved copy of an
     * alert's last firing message {@code alerts/0/41} ended for this reason is {@code
     * alerts/0/41~max_open_age}.
     */
    public static final char DECIDED = '~';

    /** The source reference of the resolved copy of the firing message at {@code sourceRef}. */
    public String decidedRef(String sourceRef) {
        return sourceRef + DECIDED + text();
    }

    /** Whether {@code sourceRef} is one of dedup's own ends rather than an input. */
    public static boolean isDecided(String sourceRef) {
        return sourceRef != null && sourceRef.indexOf(DECIDED) >= 0;
    }

    /** The archived text: the name in lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
