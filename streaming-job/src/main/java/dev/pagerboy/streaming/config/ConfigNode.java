package dev.pagerboy.streaming.config;

import dev.pagerboy.alerts.Durations;
import dev.pagerboy.alerts.Rfc3339;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of the YAML document together with its dotted key path ({@code route.routes[0].receiver})
 * and its file, so that every typed read can fail with {@code file:line: key: problem}. Built on
 * SnakeYAML's node API because only nodes keep their source positions.
 */
final class ConfigNode {

    private final String file;
    private final Node node;
    private final String path;
    private final int keyLine;

    ConfigNode(String file, Node node, String path, int keyLine) {
        this.file = file;
        this.node = node;
        this.path = path;
        this.keyLine = keyLine;
    }

    String path() {
        return path;
    }

    /** 1-based line of the value (or of its key, for an empty value). */
    int line() {
        return node == null ? keyLine : node.getStartMark().getLine() + 1;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, line(), path, problem);
    }

    boolean isNull() {
        return node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** This node as a mapping whose keys must all be in {@code allowed}. */
    Mapping mapping(Set<String> allowed) throws ConfigException {
        if (!(node instanceof MappingNode m)) {
            throw error("must be a mapping, not " + kind());
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            int line = k.getStartMark().getLine() + 1;
            if (!(k instanceof ScalarNode ks)) {
                throw new ConfigException(file, line, path, "keys must be plain strings");
            }
            String key = ks.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (allowed != null && !allowed.contains(key)) {
                throw new ConfigException(
                        file,
                        line,
                        childPath,
                        "unknown key (expected one of: "
                                + String.join(", ", new TreeSet<>(allowed))
                                + ")");
            }
            if (entries.containsKey(key)) {
                throw new ConfigException(file, line, childPath, "duplicate key");
            }
            entries.put(key, new ConfigNode(file, t.getValueNode(), childPath, line));
        }
        return new Mapping(this, entries);
    }

    /** This node as a list; JSON-style null counts as an empty list. */
    List<ConfigNode> list() throws ConfigException {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            throw error("must be a list, not " + kind());
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            Node item = s.getValue().get(i);
            out.add(
                    new ConfigNode(
                            file, item, path + "[" + i + "]", item.getStartMark().getLine() + 1));
        }
        return out;
    }

    /** A list of non-empty strings. */
    List<String> stringList() throws ConfigException {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list()) {
            out.add(item.string());
        }
        return out;
    }

    String string() throws ConfigException {
        if (isNull()) {
            throw error("must not be empty");
        }
        if (!(node instanceof ScalarNode s)) {
            throw error("must be a string, not " + kind());
        }
        if (s.getValue().isEmpty()) {
            throw error("must not be empty");
        }
        return s.getValue();
    }

    /** A scalar's text; unlike {@link #string()} it may be empty (a label value can be). */
    String text() throws ConfigException {
        if (isNull()) {
            return "";
        }
        if (!(node instanceof ScalarNode s)) {
            throw error("must be a string, not " + kind());
        }
        return s.getValue();
    }

    boolean bool() throws ConfigException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            // YAML 1.1 booleans, as Alertmanager's go-yaml reads them: yes/no and on/off too.
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        }
        throw error("must be true or false, not " + kind());
    }

    int integer(int min) throws ConfigException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                int v = Integer.parseInt(s.getValue());
                if (v < min) {
                    throw error("must be at least " + min);
                }
                return v;
            } catch (NumberFormatException e) {
                throw error("is not a whole number in range");
            }
        }
        throw error("must be a whole number, not " + kind());
    }

    Duration duration() throws ConfigException {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("must be a duration like 30s, 5m or 4h, not " + kind());
        }
        try {
            return Durations.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** An RFC 3339 time as epoch milliseconds. */
    long time() throws ConfigException {
        String text = string();
        try {
            return Rfc3339.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("bad time \"" + text + "\" (expected RFC 3339, e.g. 2026-11-28T12:00:00Z)");
        }
    }

    private String kind() {
        if (isNull()) {
            return "empty";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return "\"" + s.getValue() + "\"";
    }

    /** A mapping's entries in file order, with errors for missing required keys. */
    static final class Mapping {
        private final ConfigNode owner;
        private final Map<String, ConfigNode> entries;

        Mapping(ConfigNode owner, Map<String, ConfigNode> entries) {
            this.owner = owner;
            this.entries = entries;
        }

        /** The entry, or {@code null} when the key is absent or its value is empty. */
        ConfigNode optional(String key) {
            ConfigNode n = entries.get(key);
            return n == null || n.isNull() ? null : n;
        }

        ConfigNode required(String key) throws ConfigException {
            ConfigNode n = entries.get(key);
            if (n == null) {
                throw missing(key, "missing");
            }
            return n;
        }

        /** An error for the absent {@code key}, at the mapping's line. */
        ConfigException missing(String key, String problem) {
            String p = owner.path.isEmpty() ? key : owner.path + "." + key;
            return new ConfigException(owner.file, owner.line(), p, problem);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Map<String, ConfigNode> entries() {
            return entries;
        }

        ConfigNode owner() {
            return owner;
        }
    }
}
