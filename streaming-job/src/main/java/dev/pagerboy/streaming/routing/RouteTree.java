package dev.pagerboy.streaming.routing;

import dev.pagerboy.alerts.GoText;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing tree, with Alertmanager's semantics (dispatch/route.go): depth-first, left-to-right
 * matching; a matching child stops the search among its siblings unless it has {@code continue}; a
 * node whose children all miss is itself the match, so the root is the default route. Settings are
 * inherited from the parent, with Alertmanager's defaults at the root (group_wait 30s,
 * group_interval 5m, repeat_interval 4h, no grouping); an empty {@code group_by: []} inherits too,
 * as in Alertmanager, where it reads as "not set".
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

    /** {@code labels.Matchers.Less}: name, then value, in Go's byte order, then type. */
    private static final Comparator<Matcher> ALERTMANAGER_ORDER =
            Comparator.comparing(Matcher::name, GoText::compare)
                    .thenComparing(Matcher::value, GoText::compare)
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

        // dispatch/route.go: a list of names replaces the parent's and turns "..." off; "..."
        // alone turns it on; an empty list is Go's nil slice and inherits everything.
        List<String> groupBy = parent.groupBy();
        boolean groupByAll = parent.groupByAll();
        if (spec.groupBy() != null && !spec.groupBy().isEmpty()) {
            if (spec.groupBy().contains(GROUP_BY_ALL)) {
                groupByAll = true;
            } else {
                groupByAll = false;
                groupBy = List.copyOf(spec.groupBy());
            }
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

    /**
     * The same tree with route {@code id} running {@code rom} (what-if replay of a new handler).
     *
     * @throws IllegalArgumentException if the tree has no route {@code id}
     */
    public RouteTree withHandlerRom(String id, RouteRom rom) {
        if (!byId.containsKey(id)) {
            throw new IllegalArgumentException(
                    "no route '" + id + "' (routes: " + String.join(", ", byId.keySet()) + ")");
        }
        return new RouteTree(root.withHandlerRom(id, rom));
    }

    public Route root() {
        return root;
    }

    /**
     * The labels an alert is grouped by on {@code route}: the {@code group_by} labels the alert
     * has, or all its labels for {@code ...}, in Go's byte order of names. Labels with an empty
     * value are left out: Alertmanager drops them when it receives an alert, so they never reach
     * its groups.
     */
    public static Map<String, String> groupLabels(MatchedRoute route, Map<String, String> labels) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().isEmpty()
                    && (route.groupByAll() || route.groupBy().contains(e.getKey()))) {
                names.add(e.getKey());
            }
        }
        names.sort(GoText::compare);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, labels.get(name));
        }
        return out;
    }

    /**
     * The group key, byte for byte Alertmanager's ({@code aggrGroup.GroupKey()}): the route's
     * {@linkplain MatchedRoute#key() key}, a colon, and the group labels, e.g. {@code
     * {}/{team="db"}:{alertname="HostDown", cluster="eu"}}. Like Alertmanager's it is not unique
     * across routes: two siblings with the same matchers give the same key, and Alertmanager keeps
     * their groups apart by the route object. PagerBoy keeps them apart by the route's {@link
     * MatchedRoute#id() id}, which is carried next to the key, never inside it.
     */
    public static String groupKey(MatchedRoute route, Map<String, String> labels) {
        return route.key() + ":" + labelSetString(groupLabels(route, labels));
    }

    /**
     * {@code model.LabelSet.String()} of the prometheus/common Alertmanager 0.25 was built with:
     * each label formatted as {@code name="value"} with Go's {@code %q}, the formatted strings
     * sorted by their bytes (so {@code a1="2"} comes before {@code a="1"}), joined by {@code ", "}
     * in braces.
     */
    public static String labelSetString(Map<String, String> labels) {
        List<String> parts = new ArrayList<>(labels.size());
        for (Map.Entry<String, String> e : labels.entrySet()) {
            parts.add(e.getKey() + "=" + GoText.quote(e.getValue()));
        }
        parts.sort(GoText::compare);
        return "{" + String.join(", ", parts) + "}";
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
}
