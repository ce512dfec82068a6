package dev.pagerboy.streaming.ingest;

import dev.pagerboy.streaming.records.RawInput;
import java.io.Serializable;

/**
 * Turns one record of the {@code alerts} topic into PagerBoy alerts. The format is detected per
 * record: an Alertmanager webhook v4 message, a PagerDuty Events API v2 event, or PagerBoy's native
 * JSON. Anything else, or anything invalid, becomes a dead letter with a precise reason; this class
 * never throws on bad input.
 *
 * <p>Stateless and deterministic: the same record always gives the same result, so replay
 * reproduces it. Instances are serializable so Flink functions can hold one.
 */
public final class AlertParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Parses {@code input}; see the class comment and docs/INGEST.md for the formats. */
    public ParseResult parse(RawInput input) {
        throw new UnsupportedOperationException("coming in the next commit");
    }
}
