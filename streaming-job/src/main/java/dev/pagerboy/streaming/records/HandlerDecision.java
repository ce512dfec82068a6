package dev.pagerboy.streaming.records;

import java.util.Map;

/**
 * What a handler ROM decided for one alert (or the fallback decision when it faulted), in the job's
 * own types so that records do not carry VM classes. Mirrors {@code
 * dev.pagerboy.vm.handler.Decision}.
 *
 * @param severity severity to page with (e.g. {@code critical}, {@code warning})
 * @param routeId route chosen by the handler, or {@code ""} to keep the routing tree's choice
 * @param suppress whether the handler asked not to page for this alert
 * @param escalationPolicyId escalation policy to use, or {@code ""} for the route's default
 * @param summary short summary text for the page
 * @param addedLabels labels the handler adds to the alert
 * @param truncated whether the handler's output was cut to the ABI's limits
 */
public record HandlerDecision(
        String severity,
        String routeId,
        boolean suppress,
        String escalationPolicyId,
        String summary,
        Map<String, String> addedLabels,
        boolean truncated) {}
