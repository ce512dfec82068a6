package dev.pagerboy.streaming.routing;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A route of the tree with every setting resolved (inherited from its parents, or Alertmanager's
 * defaults at the root). This is what an alert is routed by: its receiver, how it is grouped, how
 * often the group is flushed and re-notified, and which handler ROM runs on it.
 *
 * @param id unique, stable route id in Alertmanager's form: the parent's id, {@code /}, the route's
 *     sorted matchers in braces, {@code /}, its index among its siblings (the root is {@code {}})
 * @param receiver the receiver name
 * @param groupBy label names alerts are grouped by (empty when {@link #groupByAll})
 * @param groupByAll {@code group_by: ['...']}: group by all labels, i.e. no aggregation
 * @param groupWait how long a new group waits before its first notification
 * @param groupInterval how long to wait before notifying about new alerts in a flushed group
 * @param repeatInterval how long to wait before re-sending an unchanged notification
 * @param handlerRom the handler program for alerts on this route, or {@code null} for none
 */
public record MatchedRoute(
        String id,
        String receiver,
        List<String> groupBy,
        boolean groupByAll,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        RouteRom handlerRom)
        implements Serializable {

    /**
     * Alertmanager's {@code Route.Key()}: the id without the sibling position, e.g. {@code
     * {}/{team="db"}}. Not unique in general (siblings may have equal matchers).
     */
    public String key() {
        int slash = id.lastIndexOf('/');
        if (slash < 0) {
            return id;
        }
        String tail = id.substring(slash + 1);
        return tail.chars().allMatch(Character::isDigit) && !tail.isEmpty()
                ? id.substring(0, slash)
                : id;
    }
}
