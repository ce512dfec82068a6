package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.routing.RouteTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code route:} tree with Alertmanager's rules: the root needs a receiver and may have
 * neither matchers nor {@code continue}; every receiver named must exist; {@code group_by} has no
 * duplicates and {@code ...} stands alone; group_interval and repeat_interval are not zero.
 */
final class RouteReader {

    private static final Set<String> KEYS =
            Set.of(
                    "receiver",
                    "group_by",
                    "continue",
                    "matchers",
                    "match",
                    "match_re",
                    "group_wait",
                    "group_interval",
                    "repeat_interval",
                    "handler",
                    "routes");

    private final Set<String> receivers;
    private final Path baseDir;

    RouteReader(Set<String> receivers, Path baseDir) {
        this.receivers = receivers;
        this.baseDir = baseDir;
    }

    RouteSpec readRoot(ConfigNode node) throws ConfigException {
        return read(node, true);
    }

    private RouteSpec read(ConfigNode node, boolean root) throws ConfigException {
        ConfigNode.Mapping m = node.mapping(KEYS);
        List<Matcher> matchers = MatcherReader.read(m, "");
        if (root && !matchers.isEmpty()) {
            ConfigNode first =
                    m.optional("matchers") != null
                            ? m.optional("matchers")
                            : m.optional("match") != null
                                    ? m.optional("match")
                                    : m.optional("match_re");
            throw first.error("the root route must not have matchers");
        }
        boolean cont = false;
        ConfigNode contNode = m.optional("continue");
        if (contNode != null) {
            cont = contNode.bool();
            if (root && cont) {
                throw contNode.error("the root route cannot have continue");
            }
        }
        String receiver = null;
        ConfigNode receiverNode = root ? m.required("receiver") : m.optional("receiver");
        if (receiverNode != null) {
            receiver = receiverNode.string();
            if (!receivers.contains(receiver)) {
                throw receiverNode.error("undefined receiver \"" + receiver + "\"");
            }
        }
        List<String> groupBy = groupBy(m.optional("group_by"));
        Duration groupWait = duration(m, "group_wait", false);
        Duration groupInterval = duration(m, "group_interval", true);
        Duration repeatInterval = duration(m, "repeat_interval", true);
        ConfigNode handler = m.optional("handler");
        RouteRom rom = handler == null ? null : RouteRomReader.read(handler, baseDir);
        List<RouteSpec> children = new ArrayList<>();
        ConfigNode routes = m.optional("routes");
        if (routes != null) {
            for (ConfigNode child : routes.list()) {
                children.add(read(child, false));
            }
        }
        return new RouteSpec(
                matchers,
                cont,
                receiver,
                groupBy,
                groupWait,
                groupInterval,
                repeatInterval,
                rom,
                children);
    }

    private static List<String> groupBy(ConfigNode node) throws ConfigException {
        if (node == null) {
            return null;
        }
        List<ConfigNode> items = node.list();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode item : items) {
            String name = item.string();
            if (name.equals(RouteTree.GROUP_BY_ALL)) {
                if (items.size() > 1) {
                    throw item.error(
                            "cannot have wildcard group_by (`...`) and other labels at the same time");
                }
            } else if (!MatcherReader.LABEL_NAME.matcher(name).matches()) {
                throw item.error("invalid label name \"" + name + "\"");
            }
            if (!seen.add(name)) {
                throw item.error("duplicated label \"" + name + "\" in group_by");
            }
            names.add(name);
        }
        return names;
    }

    private static Duration duration(ConfigNode.Mapping m, String key, boolean nonZero)
            throws ConfigException {
        ConfigNode node = m.optional(key);
        if (node == null) {
            return null;
        }
        Duration d = node.duration();
        if (nonZero && d.isZero()) {
            throw node.error(key + " cannot be zero");
        }
        return d;
    }
}
