package dev.pagerboy.dispatcher.config;

import dev.pagerboy.alerts.Durations;
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
 * A node of {@code pagerboy.yaml} with its file and dotted key path, so every typed read fails with
 * {@code file:line: key: problem}. The dispatcher reads only its own sections (the job validates
 * the whole file), so this is the small subset of the job's reader that those sections need.
 */
final class YamlNode {

    private final String file;
    private final Node node;
    private final String path;
    private final int keyLine;

    YamlNode(String file, Node node, String path, int keyLine) {
        this.file = file;
        this.node = node;
        this.path = path;
        this.keyLine = keyLine;
    }

    int line() {
        return node == null ? keyLine : node.getStartMark().getLine() + 1;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, line(), path, problem);
    }

    boolean isNull() {
        return node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /**
     * This node as a mapping. With {@code allowed} non-null every key must be in it; with {@code
     * null} other keys are let through (sections the job owns may grow keys the dispatcher does not
     * read).
     */
    Map<String, YamlNode> mapping(Set<String> allowed) throws ConfigException {
        if (!(node instanceof MappingNode m)) {
            throw error("must be a mapping, not " + kind());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            int line = t.getKeyNode().getStartMark().getLine() + 1;
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new ConfigException(file, line, path, "keys must be plain strings");
            }
            String childPath = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            if (allowed != null && !allowed.contains(k.getValue())) {
                throw new ConfigException(
                        file,
                        line,
                        childPath,
                        "unknown key (expected one of: "
                                + String.join(", ", new TreeSet<>(allowed))
                                + ")");
            }
            if (entries.containsKey(k.getValue())) {
                throw new ConfigException(file, line, childPath, "duplicate key");
            }
            entries.put(k.getValue(), new YamlNode(file, t.getValueNode(), childPath, line));
        }
        return entries;
    }

    List<YamlNode> list() throws ConfigException {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            throw error("must be a list, not " + kind());
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            Node item = s.getValue().get(i);
            out.add(
                    new YamlNode(
                            file, item, path + "[" + i + "]", item.getStartMark().getLine() + 1));
        }
        return out;
    }

    /** A string, or a list of strings (one recipient or several). */
    List<String> stringOrList() throws ConfigException {
        if (node instanceof SequenceNode) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : list()) {
                out.add(item.string());
            }
            if (out.isEmpty()) {
                throw error("must not be empty");
            }
            return out;
        }
        return List.of(string());
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

    int integer(int min, int max) throws ConfigException {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                int v = Integer.parseInt(s.getValue());
                if (v < min || v > max) {
                    throw error("is out of range (expected " + min + " to " + max + ")");
                }
                return v;
            } catch (NumberFormatException e) {
                throw error("is not a whole number in range");
            }
        }
        throw error("must be a whole number, not " + kind());
    }

    double fraction() throws ConfigException {
        if (node instanceof ScalarNode s
                && (s.getTag().equals(Tag.FLOAT) || s.getTag().equals(Tag.INT))) {
            double v = Double.parseDouble(s.getValue());
            if (v < 0 || v > 1) {
                throw error("is out of range (expected a number from 0 to 1)");
            }
            return v;
        }
        throw error("must be a number from 0 to 1, not " + kind());
    }

    Duration duration() throws ConfigException {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("must be a duration like 200ms, 30s or 2m, not " + kind());
        }
        try {
            return Durations.parse(s.getValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
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
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
