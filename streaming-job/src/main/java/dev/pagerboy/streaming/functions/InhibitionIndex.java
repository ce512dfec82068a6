package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inhibition sources that could mute an alert under each inhibit rule, filed by the values of
 * the rule's {@code equal} labels: a source inhibits only alerts with the same values, so a flush
 * looks at the sources that share its alert's values instead of at every open source. Without it
 * each alert of each flush read every open source, and a job with 140 k open sources (chaos R1 at 1
 * M generated alerts) spent both cores in the group stage at about 400 alerts/s.
 *
 * <p>The index is a filter in front of {@link MuteRules#inhibitedBy}'s exact check and never
 * decides alone: a source is filed under the values of every change in its history that matches the
 * rule's source side, so whichever change is the latest known at the flush's time, the source is
 * among the candidates. It is derived from the group stage's broadcast state {@code SOURCES} and is
 * not state itself: built from it when first needed (after a start or a restore), and kept in step
 * with each put and remove.
 */
final class InhibitionIndex {

    /** A source's place in the index: a rule and the values of its equal labels. */
    private record Filed(int rule, List<String> values) {}

    private final List<InhibitRule> rules;
    private final List<Map<List<String>, NavigableSet<String>>> byRule;
    private final Map<String, Set<Filed>> filed = new HashMap<>();

    InhibitionIndex(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
        this.byRule = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            byRule.add(new HashMap<>());
        }
    }

    /** An index of every source in {@code sources} (the broadcast state's entries). */
    static InhibitionIndex of(
            List<InhibitRule> rules, Iterable<Map.Entry<String, List<InhibitionSource>>> sources) {
        InhibitionIndex index = new InhibitionIndex(rules);
        for (Map.Entry<String, List<InhibitionSource>> e : sources) {
            index.put(e.getKey(), e.getValue());
        }
        return index;
    }

    /** Files source {@code fingerprint} with its (new) {@code history}, replacing what was. */
    void put(String fingerprint, List<InhibitionSource> history) {
        remove(fingerprint);
        Set<Filed> places = new LinkedHashSet<>();
        for (InhibitionSource change : history) {
            for (int i = 0; i < rules.size(); i++) {
                InhibitRule rule = rules.get(i);
                if (Matcher.allMatch(rule.sourceMatchers(), change.labels())) {
                    places.add(new Filed(i, values(rule, change.labels())));
                }
            }
        }
        for (Filed f : places) {
            byRule.get(f.rule()).computeIfAbsent(f.values(), v -> new TreeSet<>()).add(fingerprint);
        }
        if (!places.isEmpty()) {
            filed.put(fingerprint, places);
        }
    }

    /** Forgets source {@code fingerprint}. */
    void remove(String fingerprint) {
        Set<Filed> places = filed.remove(fingerprint);
        if (places == null) {
            return;
        }
        for (Filed f : places) {
            Map<List<String>, NavigableSet<String>> rule = byRule.get(f.rule());
            NavigableSet<String> fingerprints = rule.get(f.values());
            fingerprints.remove(fingerprint);
            if (fingerprints.isEmpty()) {
                rule.remove(f.values());
            }
        }
    }

    /**
     * The sources that could inhibit an alert with {@code target} labels under rule {@code rule}
     * (its index in file order), smallest fingerprint first.
     */
    NavigableSet<String> candidates(int rule, Map<String, String> target) {
        NavigableSet<String> found = byRule.get(rule).get(values(rules.get(rule), target));
        return found == null ? Collections.emptyNavigableSet() : found;
    }

    /** How many sources are filed (for tests). */
    int size() {
        return filed.size();
    }

    /** The rule's equal labels' values, a label missing counting as empty, as the rule compares. */
    private static List<String> values(InhibitRule rule, Map<String, String> labels) {
        List<String> values = new ArrayList<>(rule.equal().size());
        for (String name : rule.equal()) {
            values.add(labels.getOrDefault(name, ""));
        }
        return values;
    }
}
