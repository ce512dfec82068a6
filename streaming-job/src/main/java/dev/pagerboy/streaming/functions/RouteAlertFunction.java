package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.DecisionRows;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each handled alert to the groups it belongs to. The routes are the handler's chosen route
 * when it named one that exists, else the routing tree's matches ({@code continue} can give
 * several): the ones dedup matched, unless the handler added labels, which can change the match.
 * Each route gets its own copy with its group key. An alert the handler suppressed goes nowhere.
 *
 * <p>Alerts that match the source side of an inhibit rule also go to {@link #INHIBITION_SOURCES},
 * which the pipeline broadcasts to every group, so that inhibition can be decided at flush time.
 *
 * <p>Stateless. Archive: the alert's one {@code decision} row, which holds the dedup verdict, the
 * handler's result and the routes and group keys it went to (none when the handler suppressed it);
 * this is the first stage that knows all three.
 */
public class RouteAlertFunction extends ProcessFunction<HandledAlert, RoutedAlert> {

    public static final OutputTag<GroupControl> INHIBITION_SOURCES =
            new OutputTag<>("inhibition-sources", TypeInformation.of(GroupControl.class));

    private final RouteTree routes;
    private final List<InhibitRule> inhibitRules;
    private transient StageMetrics metrics;

    public RouteAlertFunction(RouteTree routes, List<InhibitRule> inhibitRules) {
        this.routes = routes;
        this.inhibitRules = List.copyOf(inhibitRules);
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.ROUTE);
    }

    @Override
    public void processElement(HandledAlert handled, Context ctx, Collector<RoutedAlert> out) {
        metrics.in();
        Map<String, String> labels = handled.effectiveLabels();
        if (isInhibitionSource(labels)) {
            ctx.output(
                    INHIBITION_SOURCES,
                    GroupControl.of(
                            new InhibitionSource(
                                    handled.alert().fingerprint(),
                                    labels,
                                    handled.alert().isFiring(),
                                    handled.alert().endsAt(),
                                    handled.alert().eventTime(),
                                    handled.alert().sourceRef())));
        }
        if (handled.decision().suppress()) {
            metrics.counter(MetricName.SUPPRESSED_BY_HANDLER).inc();
            ctx.output(SideOutputs.ARCHIVE, DecisionRows.handled(handled, List.of()));
            return;
        }
        List<MatchedRoute> matched = routesFor(handled, labels);
        List<RoutedAlert> routed = new ArrayList<>(matched.size());
        for (MatchedRoute route : matched) {
            routed.add(
                    RoutedAlert.of(route.id(), RouteTree.groupKey(route, labels), handled, labels));
        }
        ctx.output(SideOutputs.ARCHIVE, DecisionRows.handled(handled, routed));
        for (RoutedAlert r : routed) {
            metrics.out();
            out.collect(r);
        }
    }

    private List<MatchedRoute> routesFor(HandledAlert handled, Map<String, String> labels) {
        String chosen = handled.decision().routeId();
        if (chosen != null && !chosen.isEmpty()) {
            MatchedRoute route = routes.route(chosen);
            if (route != null) {
                return List.of(route);
            }
            metrics.counter(MetricName.UNKNOWN_HANDLER_ROUTES).inc();
        }
        Map<String, String> added = handled.decision().addedLabels();
        if ((added == null || added.isEmpty()) && !handled.routeIds().isEmpty()) {
            // The labels are the alert's own, which dedup already matched.
            List<MatchedRoute> matched = new ArrayList<>(handled.routeIds().size());
            for (String id : handled.routeIds()) {
                matched.add(routes.route(id));
            }
            return matched;
        }
        return routes.match(labels);
    }

    private boolean isInhibitionSource(Map<String, String> labels) {
        for (InhibitRule rule : inhibitRules) {
            if (Matcher.allMatch(rule.sourceMatchers(), labels)) {
                return true;
            }
        }
        return false;
    }
}
