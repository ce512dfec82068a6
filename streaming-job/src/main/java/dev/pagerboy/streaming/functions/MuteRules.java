package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.MutedBy;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.SilenceRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "is this alert muted at event time t, and by what?" from silences and inhibition sources
 * that are kept as <em>histories</em>: every version of a silence and every change of a source,
 * each with the event time it became known. A question about time t only looks at what was known at
 * t, so the answer does not depend on whether a later change had already arrived when the question
 * was asked. That is what makes silences and inhibition deterministic across arrival order although
 * they arrive on a broadcast input that is not aligned with the alerts.
 */
final class MuteRules {

    /** Orders versions/changes by event time, then by content, never by arrival. */
    static final Comparator<Silence> SILENCE_VERSIONS =
            Comparator.comparingLong(Silence::eventTime)
                    .thenComparingLong(Silence::startsAt)
                    .thenComparingLong(Silence::endsAt)
                    .thenComparing(s -> String.valueOf(s.matchers()))
                    .thenComparing(s -> String.valueOf(s.comment()));

    static final Comparator<InhibitionSource> SOURCE_CHANGES =
            Comparator.comparingLong(InhibitionSource::eventTime)
                    .thenComparing(InhibitionSource::sourceRef, ArrivalOrder::compareSourceRefs)
                    .thenComparing(InhibitionSource::firing);

    /** Compiled run-time silences kept at most; past it the cache starts over. */
    private static final int MAX_COMPILED = 1024;

    private final List<SilenceRule> staticSilences;
    private final List<InhibitRule> inhibitRules;
    private final Map<Silence, SilenceRule> compiled = new HashMap<>();

    MuteRules(List<Silence> staticSilences, List<InhibitRule> inhibitRules) {
        this.staticSilences = new ArrayList<>();
        for (Silence silence : staticSilences) {
            this.staticSilences.add(SilenceRule.of(silence));
        }
        this.inhibitRules = List.copyOf(inhibitRules);
    }

    /**
     * The silence muting the alert {@code fingerprint} with {@code labels} at {@code time}, if one
     * does. Static silences come first, then run-time silences in id order; of a run-time silence,
     * the latest version known at {@code time} counts.
     */
    Optional<MutedBy> silencedBy(
            String fingerprint,
            Map<String, String> labels,
            long time,
            Iterable<Map.Entry<String, List<Silence>>> runtime)
            throws Exception {
        for (SilenceRule rule : staticSilences) {
            if (rule.matches(labels, time)) {
                return Optional.of(MutedBy.silence(fingerprint, rule.silence().id()));
            }
        }
        String match = null;
        for (Map.Entry<String, List<Silence>> entry : runtime) {
            Silence current = latestKnownAt(entry.getValue(), time, Silence::eventTime);
            if (compiled.size() > MAX_COMPILED) {
                compiled.clear();
            }
            if (current != null
                    && compiled.computeIfAbsent(current, SilenceRule::of).matches(labels, time)
                    && (match == null || entry.getKey().compareTo(match) < 0)) {
                match = entry.getKey();
            }
        }
        return match == null ? Optional.empty() : Optional.of(MutedBy.silence(fingerprint, match));
    }

    /**
     * The first inhibit rule (in file order) muting the alert {@code fingerprint} with {@code
     * labels} at {@code time}, if one does, and the inhibiting alert: of the rule's sources firing
     * then, the smallest fingerprint, so the answer does not depend on the broadcast state's
     * iteration order. A source inhibits when its latest change known at {@code time} says it fires
     * then; an alert never inhibits itself. Only the sources {@code index} files under the alert's
     * equal-label values are read ({@code history} gives each one's changes).
     */
    Optional<MutedBy> inhibitedBy(
            String fingerprint,
            Map<String, String> labels,
            long time,
            InhibitionIndex index,
            SourceHistory history)
            throws Exception {
        for (int i = 0; i < inhibitRules.size(); i++) {
            InhibitRule rule = inhibitRules.get(i);
            if (!Matcher.allMatch(rule.targetMatchers(), labels)) {
                continue;
            }
            for (String candidate : index.candidates(i, labels)) {
                if (candidate.equals(fingerprint)) {
                    continue;
                }
                List<InhibitionSource> changes = history.of(candidate);
                InhibitionSource source =
                        changes == null
                                ? null
                                : latestKnownAt(changes, time, InhibitionSource::eventTime);
                if (source != null
                        && source.firingAt(time)
                        && rule.inhibits(source.labels(), labels)) {
                    // candidates come smallest first: the first that inhibits is the smallest
                    return Optional.of(MutedBy.inhibition(fingerprint, i, candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** The changes of one inhibition source, as the broadcast state holds them. */
    @FunctionalInterface
    interface SourceHistory {
        List<InhibitionSource> of(String fingerprint) throws Exception;
    }

    /**
     * The last element of a history (sorted oldest first) whose event time is at most {@code time}.
     */
    static <T> T latestKnownAt(
            List<T> history, long time, java.util.function.ToLongFunction<T> at) {
        T latest = null;
        for (T item : history) {
            if (at.applyAsLong(item) > time) {
                break;
            }
            latest = item;
        }
        return latest;
    }

    /**
     * Inserts {@code item} into a history in {@code order} and drops entries that can no longer be
     * the latest known at any time still to come (those superseded by an entry at or before the
     * watermark). Returns the new history.
     */
    static <T> List<T> record(
            List<T> history,
            T item,
            Comparator<T> order,
            long watermark,
            java.util.function.ToLongFunction<T> at) {
        List<T> updated = history == null ? new ArrayList<>() : new ArrayList<>(history);
        updated.add(item);
        updated.sort(order);
        int firstKept = 0;
        for (int i = 1; i < updated.size(); i++) {
            if (at.applyAsLong(updated.get(i)) <= watermark) {
                firstKept = i;
            }
        }
        return new ArrayList<>(updated.subList(firstKept, updated.size()));
    }
}
