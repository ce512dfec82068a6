package dev.pagerboy.streaming.records;

/**
 * A handled alert on its way into one route's group: the route tree (with {@code continue}) can
 * send one alert to several routes, and each gets its own copy, keyed by its {@link #groupKey}.
 *
 * @param routeId the route's id
 * @param groupKey the Alertmanager-style group key, {@code routeId:{group_by labels}}, unique
 *     across routes (see {@code RouteTree.groupKey})
 * @param handled the handled alert
 */
public record RoutedAlert(String routeId, String groupKey, HandledAlert handled) {}
