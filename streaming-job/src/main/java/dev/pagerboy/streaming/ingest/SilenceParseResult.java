package dev.pagerboy.streaming.ingest;

import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Silence;

/**
 * What one record of the {@code silences} topic turned into: a silence, or a dead letter.
 *
 * @param silence the silence, or {@code null}
 * @param deadLetter the dead letter, or {@code null}
 */
public record SilenceParseResult(Silence silence, DeadLetter deadLetter) {

    public SilenceParseResult {
        if ((silence == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of silence or deadLetter must be set");
        }
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
