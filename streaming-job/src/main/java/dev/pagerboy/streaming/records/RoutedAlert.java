package dev.pagerboy.streaming.records;

import java.util.Map;

/**
 * A handled alert on its way into one route's group: the route tree (with {@code continue}) can
 * send one alert to several routes, and each gets its own copy, keyed by its {@link #groupKey}.
 *
 * <p>It carries only what grouping uses: the alert as a notification will show it, and the three
 * fields that order alerts buffered at one event time. The full {@link HandledAlert} (annotations,
 * the alert's own labels next to the handler's added ones, ROM evidence) is already archived by the
 * handler and route stages; shipping it across the shuffle to the group stage cost a serialization
 * of all of it per alert and route.
 *
 * @param routeId the route's id, unique in the tree (Alertmanager's {@code Route.ID()})
 * @param groupKey Alertmanager's group key, {@code routeKey:{group_by labels}} (see {@code
 *     RouteTree.groupKey}); not unique across sibling routes with equal matchers
 * @param alert the alert as the group will notify it: effective labels (the alert's plus the
 *     handler's added labels) and the handler's severity, summary and escalation policy
 * @param eventTime the alert's event time
 * @param sourceRef where the alert came from ({@link Alert#sourceRef()})
 * @param eventId the alert's source event id ({@link Alert#eventId()}), may be {@code null}
 */
public record RoutedAlert(
        String routeId,
        String groupKey,
        NotifiedAlert alert,
        long eventTime,
        String sourceRef,
        String eventId) {

    /**
     * The routed copy of {@code handled} for one route, with its {@linkplain
     * HandledAlert#effectiveLabels() effective labels} computed once by the caller.
     */
    public static RoutedAlert of(
            String routeId, String groupKey, HandledAlert handled, Map<String, String> labels) {
        Alert alert = handled.alert();
        HandlerDecision decision = handled.decision();
        return new RoutedAlert(
                routeId,
                groupKey,
                new NotifiedAlert(
                        alert.fingerprint(),
                        alert.status(),
                        decision.severity(),
                        decision.summary(),
                        decision.escalationPolicyId(),
                        labels,
                        alert.startsAt(),
                        alert.endsAt()),
                alert.eventTime(),
                alert.sourceRef(),
                alert.eventId());
    }

    /**
     * What identifies the group this alert joins: the route id and the group key. Groups are keyed
     * by this, so sibling routes with equal matchers (equal group keys) keep separate groups, as in
     * Alertmanager.
     */
    public String groupId() {
        return routeId + "|" + groupKey;
    }

    public boolean isResolved() {
        return Alert.RESOLVED.equals(alert.status());
    }
}
