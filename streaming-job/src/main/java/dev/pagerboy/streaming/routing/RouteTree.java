package dev.pagerboy.streaming.routing;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routing tree, with Alertmanager's semantics (dispatch/route.go): depth-first, left-to-right
 * matching; a matching child stops the search among its siblings unless it has {@code continue}; a
 * node whose children all miss is itself the match, so the root is the default route. Settings are
 * inherited from the parent, with Alertmanager's defaults at the root (group_wait 30s,
 * group_interval 5m, repeat_interval 4h, no grouping).
 *
 * <p>Pure and deterministic: the result depends only on the labels.
 */
public final class RouteTree implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    /** The label name list that means "group by all labels". */
    public static final String GROUP_BY_ALL = "...";

    private static final Comparator<Matcher> ALERTMANAGER_ORDER =
            Comparator.comparing(Matcher::name)
                    .thenComparing(Matcher::value)
                    .thenComparing(Matcher::type);

    private final Route root;
    private final Map<String, MatchedRoute> byId;

    private RouteTree(Route root) {
        this.root = root;
        List<Route> all = new ArrayList<>();
        root.collect(all);
        Map<String, MatchedRoute> ids = new LinkedHashMap<>();
        for (Route r : all) {
            ids.put(r.settings().id(), r.settings());
        }
        this.byId = ids;
    }

    /**
     * Resolves inheritance and defaults and builds the tree. The root must have a receiver and no
     * matchers; validation with file/line messages is the configuration loader's job, this method
     * only guards against programming errors.
     */
    public static RouteTree build(RouteSpec rootSpec) {
        if (rootSpec.receiver() == null) {
            throw new IllegalArgumentException("the root route needs a receiver");
        }
        if (!rootSpec.matchers().isEmpty()) {
            throw new IllegalArgumentException("the root route must not have matchers");
        }
        MatchedRoute defaults =
                new MatchedRoute(
                        "",
                        null,
                        List.of(),
                        false,
                        DEFAULT_GROUP_WAIT,
                        DEFAULT_GROUP_INTERVAL,
                        DEFAULT_REPEAT_INTERVAL,
                        null);
        return new RouteTree(resolve(rootSpec, defaults, null, -1));
    }

    private static Route resolve(RouteSpec spec, MatchedRoute parent, String parentKey, int index) {
        List<Matcher> matchers = new ArrayList<>(spec.matchers());
        matchers.sort(ALERTMANAGER_ORDER);
        String key = (parentKey == null ? "" : parentKey + "/") + braces(matchers);
        String id = parentKey == null ? key : key + "/" + index;

        List<String> groupBy = parent.groupBy();
        boolean groupByAll = parent.groupByAll();
        if (spec.groupBy() != null) {
            groupByAll = spec.groupBy().contains(GROUP_BY_ALL);
            groupBy = groupByAll ? List.of() : List.copyOf(spec.groupBy());
        }
        MatchedRoute settings =
                new MatchedRoute(
                        id,
                        spec.receiver() != null ? spec.receiver() : parent.receiver(),
                        groupBy,
                        groupByAll,
                        orElse(spec.groupWait(), parent.groupWait()),
                        orElse(spec.groupInterval(), parent.groupInterval()),
                        orElse(spec.repeatInterval(), parent.repeatInterval()),
                        spec.handlerRom() != null ? spec.handlerRom() : parent.handlerRom());
        List<Route> children = new ArrayList<>();
        for (int i = 0; i < spec.routes().size(); i++) {
            children.add(resolve(spec.routes().get(i), settings, key, i));
        }
        return new Route(matchers, spec.continueMatching(), settings, children);
    }

    private static <T> T orElse(T value, T inherited) {
        return value != null ? value : inherited;
    }

    /** All routes that {@code labels} are delivered to, in tree order (never empty). */
    public List<MatchedRoute> match(Map<String, String> labels) {
        return root.match(labels);
    }

    /** The route with this {@link MatchedRoute#id()}, or {@code null}. */
    public MatchedRoute route(String id) {
        return byId.get(id);
    }

    /** Every route of the tree, depth first, root first. */
    public List<MatchedRoute> routes() {
        return List.copyOf(byId.values());
    }

    public Route root() {
        return root;
    }

    /**
     * The labels an alert is grouped by on {@code route}: the {@code group_by} labels the alert has
     * (absent ones are left out, as in Alertmanager), or all its labels for {@code ...}.
     */
    public static Map<String, String> groupLabels(MatchedRoute route, Map<String, String> labels) {
        TreeMap<String, String> out = new TreeMap<>();
        if (route.groupByAll()) {
            out.putAll(labels);
            return out;
        }
        for (String name : route.groupBy()) {
            String value = labels.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /**
     * The group key, in Alertmanager's format {@code route:groupLabels}, e.g. {@code
     * {}/{team="db"}/0:{alertname="HostDown", cluster="eu"}}. Alertmanager uses the route's key
     * there and keeps groups of distinct route objects apart in memory; PagerBoy keys Flink state
     * by this string, so it uses the route's unique id (key plus sibling position) instead.
     */
    public static String groupKey(MatchedRoute route, Map<String, String> labels) {
        return route.id() + ":" + labelSetString(groupLabels(route, labels));
    }

    /** Prometheus' {@code LabelSet.String()}: {@code {a="1", b="2"}}, sorted by name. */
    public static String labelSetString(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(e.getKey()).append('=').append(quote(e.getValue()));
        }
        return b.append('}').toString();
    }

    private static String braces(List<Matcher> matchers) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(matchers.get(i));
        }
        return b.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
