package dev.pagerboy.streaming.records;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * One alert a flush left out because it was muted, and what muted it: a silence (its id) or an
 * inhibit rule (its index in file order; which of the two is said by the list it is in). The
 * archive stores it as the text {@code fingerprint=by}, the form flush rows have always had, so old
 * and new archives compare equal.
 *
 * @param fingerprint the muted alert
 * @param by the silence id, or the inhibit rule's index as decimal text
 */
public record MutedBy(String fingerprint, String by) {

    public MutedBy {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(by, "by");
    }

    /** {@code fingerprint} muted by the silence {@code silenceId}. */
    public static MutedBy silence(String fingerprint, String silenceId) {
        return new MutedBy(fingerprint, silenceId);
    }

    /** {@code fingerprint} muted by the inhibit rule at {@code ruleIndex} (file order, from 0). */
    public static MutedBy inhibitRule(String fingerprint, int ruleIndex) {
        return new MutedBy(fingerprint, Integer.toString(ruleIndex));
    }

    /**
     * Reads the archived text back; a fingerprint holds no {@code '='}, so the first one splits.
     *
     * @throws IllegalArgumentException when {@code text} has no {@code '='}
     */
    public static MutedBy parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException(
                    "muted-by '" + text + "' (expected fingerprint=silenceId or fingerprint=rule)");
        }
        return new MutedBy(text.substring(0, eq), text.substring(eq + 1));
    }

    /** The archived form, {@code fingerprint=by}. */
    @JsonValue
    public String text() {
        return fingerprint + "=" + by;
    }
}
