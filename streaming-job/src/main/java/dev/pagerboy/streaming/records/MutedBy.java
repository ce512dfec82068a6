package dev.pagerboy.streaming.records;

import java.util.Locale;
import java.util.Objects;

/**
 * One alert a flush left out because it was muted, and what muted it: a silence (its id), or an
 * inhibit rule (its index in file order) together with the firing alert that inhibited it. The
 * archive's {@code mute} row stores it, so an auditor asking "why was nobody paged?" finds the
 * silence or the inhibiting alert by name.
 *
 * @param fingerprint the muted alert
 * @param cause a silence or an inhibition
 * @param silenceId the silence's id; {@code ""} for an inhibition
 * @param inhibitRule the inhibit rule's index (file order, from 0); -1 for a silence
 * @param inhibitingFingerprint the source alert of the inhibition; {@code ""} for a silence
 */
public record MutedBy(
        String fingerprint,
        Cause cause,
        String silenceId,
        int inhibitRule,
        String inhibitingFingerprint) {

    /** What kind of rule muted an alert; its {@link #text()} is the mute row's {@code outcome}. */
    public enum Cause {
        SILENCED,
        INHIBITED;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MutedBy {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(cause, "cause");
        silenceId = silenceId == null ? "" : silenceId;
        inhibitingFingerprint = inhibitingFingerprint == null ? "" : inhibitingFingerprint;
    }

    /** {@code fingerprint} muted by the silence {@code silenceId}. */
    public static MutedBy silence(String fingerprint, String silenceId) {
        return new MutedBy(fingerprint, Cause.SILENCED, silenceId, -1, "");
    }

    /**
     * {@code fingerprint} muted by the inhibit rule at {@code ruleIndex} (file order, from 0),
     * because the alert {@code sourceFingerprint} fired.
     */
    public static MutedBy inhibition(String fingerprint, int ruleIndex, String sourceFingerprint) {
        return new MutedBy(fingerprint, Cause.INHIBITED, "", ruleIndex, sourceFingerprint);
    }

    /**
     * What muted the alert, without naming which inhibiting alert: a flush that is muted by the
     * same silence or rule as the one before is the same mute, even when another source alert of
     * the rule now does the inhibiting.
     */
    public String rule() {
        return cause == Cause.SILENCED ? "silence:" + silenceId : "inhibit_rule:" + inhibitRule;
    }
}
