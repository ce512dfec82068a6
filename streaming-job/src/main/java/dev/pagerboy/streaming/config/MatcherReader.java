package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.routing.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads matchers in both of Alertmanager's configuration forms: the list form {@code matchers:
 * ['team="db"', 'severity=~"critical|page"']} (each string parsed by Alertmanager's matcher syntax,
 * see {@code MatcherSyntax}) and the older maps {@code match:} (equality) and {@code match_re:} (a
 * Go regular expression, taken as written: no matcher escapes apply).
 */
final class MatcherReader {

    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MatcherReader() {}

    /**
     * All matchers of a mapping from the keys {@code prefix + "matchers"}, {@code prefix + "match"}
     * and {@code prefix + "match_re"}, in that order.
     */
    static List<Matcher> read(ConfigNode.Mapping m, String prefix) throws ConfigException {
        List<Matcher> out = new ArrayList<>();
        ConfigNode list = m.optional(prefix + "matchers");
        if (list != null) {
            for (ConfigNode item : list.list()) {
                String text = item.text();
                try {
                    out.addAll(Matcher.parseList(text));
                } catch (IllegalArgumentException e) {
                    throw item.error(e.getMessage());
                }
            }
        }
        out.addAll(map(m.optional(prefix + "match"), Matcher.Type.EQUAL));
        out.addAll(map(m.optional(prefix + "match_re"), Matcher.Type.REGEX));
        return out;
    }

    private static List<Matcher> map(ConfigNode node, Matcher.Type type) throws ConfigException {
        List<Matcher> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, ConfigNode> e : node.mapping(null).entries().entrySet()) {
            ConfigNode value = e.getValue();
            if (!LABEL_NAME.matcher(e.getKey()).matches()) {
                throw value.error("invalid label name \"" + e.getKey() + "\"");
            }
            // Alertmanager keeps match_re values anchored (config.Regexp), and that anchored text
            // is what appears in route keys; anchoring twice matches the same strings.
            String text = type == Matcher.Type.REGEX ? "^(?:" + value.text() + ")$" : value.text();
            try {
                Matcher.of(e.getKey(), type, value.text()); // report errors in the user's text
                out.add(Matcher.of(e.getKey(), type, text));
            } catch (IllegalArgumentException ex) {
                throw value.error(ex.getMessage());
            }
        }
        return out;
    }
}
