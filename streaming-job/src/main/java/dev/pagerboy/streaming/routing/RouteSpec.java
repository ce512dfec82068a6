package dev.pagerboy.streaming.routing;

import java.time.Duration;
import java.util.List;

/**
 * A route as written in the configuration, before inheritance: any setting may be {@code null},
 * meaning "inherit from the parent". {@link RouteTree#build(RouteSpec)} resolves it.
 *
 * @param matchers the route's matchers ({@code match}, {@code match_re} and {@code matchers}
 *     combined); must be empty at the root
 * @param continueMatching Alertmanager's {@code continue}
 * @param receiver receiver name, or {@code null} to inherit (required at the root)
 * @param groupBy label names, possibly {@code ["..."]}; {@code null} to inherit
 * @param groupWait {@code null} to inherit (root default 30s)
 * @param groupInterval {@code null} to inherit (root default 5m)
 * @param repeatInterval {@code null} to inherit (root default 4h)
 * @param handlerRom {@code null} to inherit (root default: none)
 * @param routes child routes, in order
 */
public record RouteSpec(
        List<Matcher> matchers,
        boolean continueMatching,
        String receiver,
        List<String> groupBy,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        RouteRom handlerRom,
        List<RouteSpec> routes) {

    /** A leaf route that only sets matchers and a receiver. */
    public static RouteSpec leaf(String receiver, List<Matcher> matchers) {
        return new RouteSpec(matchers, false, receiver, null, null, null, null, null, List.of());
    }
}
