package dev.pagerboy.streaming.routing;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager inhibit rule: while a firing alert matches {@link #sourceMatchers}, alerts
 * matching {@link #targetMatchers} that have the same values for every label in {@link #equal} are
 * muted. As in Alertmanager, alerts that match both sides cannot inhibit each other, and a label
 * missing on both sides counts as equal (both empty).
 *
 * @param sourceMatchers all must match the inhibiting (source) alert
 * @param targetMatchers all must match the inhibited (target) alert
 * @param equal labels whose values must be equal on source and target
 */
public record InhibitRule(
        List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal)
        implements Serializable {

    /**
     * Whether a firing alert with {@code source} labels inhibits one with {@code target} labels.
     */
    public boolean inhibits(Map<String, String> source, Map<String, String> target) {
        if (!Matcher.allMatch(targetMatchers, target)
                || !Matcher.allMatch(sourceMatchers, source)) {
            return false;
        }
        // Alertmanager (inhibit.go, hasEqual): when the target also matches the source side, a
        // source that also matches the target side is ignored, so such alerts cannot mute
        // each other (or themselves).
        if (Matcher.allMatch(sourceMatchers, target) && Matcher.allMatch(targetMatchers, source)) {
            return false;
        }
        for (String name : equal) {
            if (!source.getOrDefault(name, "").equals(target.getOrDefault(name, ""))) {
                return false;
            }
        }
        return true;
    }
}
