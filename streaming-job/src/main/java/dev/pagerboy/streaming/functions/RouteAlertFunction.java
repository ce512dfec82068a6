package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.util.LinkedHashMap;
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
 * several); each route gets its own copy with its group key. An alert the handler suppressed goes
 * nowhere, and that is archived as its {@code route} row.
 *
 * <p>Alerts that match the source side of an inhibit rule also go to {@link #INHIBITION_SOURCES},
 * which the pipeline broadcasts to every group, so that inhibition can be decided at flush time.
 *
 * <p>Stateless. Archive: one {@code route} row per (alert, route), or one {@code suppressed} row.
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
            ctx.output(SideOutputs.ARCHIVE, row(handled, "", "", "suppressed_by_handler"));
            return;
        }
        for (MatchedRoute route : routesFor(handled, labels)) {
            String groupKey = RouteTree.groupKey(route, labels);
            metrics.out();
            ctx.output(SideOutputs.ARCHIVE, row(handled, route.id(), groupKey, "grouped"));
            out.collect(RoutedAlert.of(route.id(), groupKey, handled, labels));
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

    private static ArchiveRecord row(
            HandledAlert handled, String routeId, String groupKey, String outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sourceRef", handled.alert().sourceRef());
        payload.put("routeId", routeId);
        payload.put("groupKey", groupKey);
        payload.put("labels", handled.effectiveLabels());
        return ArchiveRecord.decision(
                ArchiveKind.ROUTE.rowId(routeId + ":" + handled.alert().sourceRef()),
                ArchiveKind.ROUTE,
                handled.alert().eventTime(),
                groupKey.isEmpty() ? handled.alert().fingerprint() : groupKey,
                outcome,
                payload);
    }
}
