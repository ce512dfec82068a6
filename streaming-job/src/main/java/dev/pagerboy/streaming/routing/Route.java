package dev.pagerboy.streaming.routing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of the routing tree: its own matchers, whether matching continues to later siblings, its
 * resolved settings and its children. Built by {@link RouteTree#build(RouteSpec)}.
 */
public final class Route implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Matcher> matchers;
    private final boolean continueMatching;
    private final MatchedRoute settings;
    private final List<Route> children;

    Route(
            List<Matcher> matchers,
            boolean continueMatching,
            MatchedRoute settings,
            List<Route> children) {
        this.matchers = List.copyOf(matchers);
        this.continueMatching = continueMatching;
        this.settings = settings;
        this.children = List.copyOf(children);
    }

    /**
     * Alertmanager's {@code Route.Match}: if this node matches, the matches of its children, in
     * order, stopping after the first matching child that does not {@code continue}; the node
     * itself when no child matched.
     */
    List<MatchedRoute> match(Map<String, String> labels) {
        if (!Matcher.allMatch(matchers, labels)) {
            return List.of();
        }
        List<MatchedRoute> all = new ArrayList<>();
        for (Route child : children) {
            List<MatchedRoute> matches = child.match(labels);
            all.addAll(matches);
            if (!matches.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(settings);
        }
        return all;
    }

    void collect(List<Route> out) {
        out.add(this);
        for (Route child : children) {
            child.collect(out);
        }
    }

    /**
     * This node and its subtree with the route {@code id} running {@code rom} instead of its own
     * handler ROM; every other route keeps the ROM it had (inherited or its own).
     */
    Route withHandlerRom(String id, RouteRom rom) {
        MatchedRoute own =
                settings.id().equals(id)
                        ? new MatchedRoute(
                                settings.id(),
                                settings.receiver(),
                                settings.groupBy(),
                                settings.groupByAll(),
                                settings.groupWait(),
                                settings.groupInterval(),
                                settings.repeatInterval(),
                                rom)
                        : settings;
        List<Route> replaced = new ArrayList<>();
        for (Route child : children) {
            replaced.add(child.withHandlerRom(id, rom));
        }
        return new Route(matchers, continueMatching, own, replaced);
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    public MatchedRoute settings() {
        return settings;
    }

    public List<Route> children() {
        return children;
    }
}
