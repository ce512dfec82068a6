package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code inhibit_rules:} (Alertmanager's form, with {@code source_matchers} / {@code
 * target_matchers} or the older {@code source_match(_re)} / {@code target_match(_re)}, and {@code
 * equal}) and the static {@code silences:}.
 */
final class RuleReader {

    private static final Set<String> INHIBIT_KEYS =
            Set.of(
                    "source_matchers",
                    "source_match",
                    "source_match_re",
                    "target_matchers",
                    "target_match",
                    "target_match_re",
                    "equal");
    private static final Set<String> SILENCE_KEYS =
            Set.of(
                    "id",
                    "matchers",
                    "match",
                    "match_re",
                    "starts_at",
                    "ends_at",
                    "created_by",
                    "comment");

    List<InhibitRule> inhibitRules(ConfigNode node) throws ConfigException {
        List<InhibitRule> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(INHIBIT_KEYS);
            List<Matcher> source = MatcherReader.read(m, "source_");
            List<Matcher> target = MatcherReader.read(m, "target_");
            if (source.isEmpty()) {
                throw item.error("an inhibit rule needs source matchers");
            }
            if (target.isEmpty()) {
                throw item.error("an inhibit rule needs target matchers");
            }
            List<String> equal = new ArrayList<>();
            ConfigNode eq = m.optional("equal");
            if (eq != null) {
                for (ConfigNode n : eq.list()) {
                    String name = n.string();
                    if (!MatcherReader.LABEL_NAME.matcher(name).matches()) {
                        throw n.error("invalid label name \"" + name + "\"");
                    }
                    equal.add(name);
                }
            }
            out.add(new InhibitRule(List.copyOf(source), List.copyOf(target), List.copyOf(equal)));
        }
        return List.copyOf(out);
    }

    List<Silence> silences(ConfigNode node) throws ConfigException {
        List<Silence> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        Set<String> ids = new HashSet<>();
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(SILENCE_KEYS);
            ConfigNode idNode = m.required("id");
            String id = idNode.string();
            if (!ids.add(id)) {
                throw idNode.error("duplicate silence id \"" + id + "\"");
            }
            List<Matcher> matchers = MatcherReader.read(m, "");
            if (matchers.isEmpty()) {
                throw item.error("a silence needs matchers");
            }
            if (matchers.stream().allMatch(x -> x.matches(Map.of()))) {
                throw item.error("at least one matcher must not match the empty string");
            }
            ConfigNode startNode = m.required("starts_at");
            ConfigNode endNode = m.required("ends_at");
            long startsAt = startNode.time();
            long endsAt = endNode.time();
            if (endsAt <= startsAt) {
                throw endNode.error("ends_at must be after starts_at");
            }
            ConfigNode by = m.optional("created_by");
            List<LabelMatcher> data = matchers.stream().map(Matcher::toLabelMatcher).toList();
            out.add(
                    new Silence(
                            id,
                            data,
                            startsAt,
                            endsAt,
                            by == null ? "pagerboy.yaml" : by.string(),
                            m.required("comment").string(),
                            0L));
        }
        return List.copyOf(out);
    }
}
