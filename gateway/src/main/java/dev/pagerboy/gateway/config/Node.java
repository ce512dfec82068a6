package dev.pagerboy.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its file and dotted key path, so every typed read fails with {@code file:line:
 * key: problem} like the job's and the dispatcher's config errors.
 */
final class Node {

    private final String file;
    private final org.yaml.snakeyaml.nodes.Node node;
    private final String path;

    Node(String file, org.yaml.snakeyaml.nodes.Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    int line() {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    String path() {
        return path;
    }

    GatewayConfigException error(String problem) {
        return new GatewayConfigException(file, line(), path, problem);
    }

    boolean isNull() {
        return node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** The entries; with {@code allowed} non-null, any other key is an error. */
    Map<String, Node> mapping(Set<String> allowed) throws GatewayConfigException {
        if (!(node instanceof MappingNode m)) {
            throw error("must be a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error("keys must be plain strings");
            }
            String child = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            if (allowed != null && !allowed.contains(k.getValue())) {
                throw new GatewayConfigException(
                        file,
                        t.getKeyNode().getStartMark().getLine() + 1,
                        child,
                        "unknown key (expected one of: "
                                + String.join(", ", new TreeSet<>(allowed))
                                + ")");
            }
            out.put(k.getValue(), new Node(file, t.getValueNode(), child));
        }
        return out;
    }

    List<Node> list() throws GatewayConfigException {
        if (!(node instanceof SequenceNode s)) {
            throw error("must be a list");
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new Node(file, s.getValue().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String string() throws GatewayConfigException {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("must be a string");
        }
        return s.getValue();
    }

    List<String> stringList() throws GatewayConfigException {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode) {
            out.add(string());
            return out;
        }
        for (Node item : list()) {
            out.add(item.string());
        }
        return out;
    }

    static Node required(Map<String, Node> m, String key, Node owner)
            throws GatewayConfigException {
        Node n = m.get(key);
        if (n == null || n.isNull()) {
            String p = owner.path.isEmpty() ? key : owner.path + "." + key;
            throw new GatewayConfigException(owner.file, owner.line(), p, "missing");
        }
        return n;
    }

    static String optional(Map<String, Node> m, String key, String otherwise)
            throws GatewayConfigException {
        Node n = m.get(key);
        return n == null || n.isNull() ? otherwise : n.string();
    }
}
