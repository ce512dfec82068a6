package dev.pagerboy.streaming.records;

/**
 * A handled alert on its way into one route's group: the route tree (with {@code continue}) can
 * send one alert to several routes, and each gets its own copy, keyed by {@link #groupId()}.
 *
 * @param routeId the route's id
 * @param groupKey the Alertmanager-style group key ({@code group_by} label values) within the route
 * @param handled the handled alert
 */
public record RoutedAlert(String routeId, String groupKey, HandledAlert handled) {

    /** The key of the group this alert belongs to: route and group key together. */
    public String groupId() {
        return groupId(routeId, groupKey);
    }

    public static String groupId(String routeId, String groupKey) {
        return routeId + "|" + groupKey;
    }
}
