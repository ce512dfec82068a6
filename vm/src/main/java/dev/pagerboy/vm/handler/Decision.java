package dev.pagerboy.vm.handler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler decided about one alert.
 *
 * @param severity the severity to page with
 * @param routeId the route (team) id; 0 is the default route
 * @param suppress true to not page at all
 * @param escalationPolicyId the escalation policy id; 0 is the default policy
 * @param summary the summary to show
 * @param addedLabels labels to add to the alert, in the order the handler wrote them
 * @param truncated true if some input field was cut to fit the ABI, so the handler saw less than
 *     the whole alert
 */
public record Decision(
        String severity,
        int routeId,
        boolean suppress,
        int escalationPolicyId,
        String summary,
        Map<String, String> addedLabels,
        boolean truncated) {

    public Decision {
        // Keeps the handler's order: Map.copyOf's iteration order changes from JVM to JVM, and
        // replay must serialize a decision to the same bytes.
        addedLabels = Collections.unmodifiableMap(new LinkedHashMap<>(addedLabels));
    }

    /**
     * The decision used when a handler faults: the alert pages on the default route (0) with the
     * default escalation policy (0), its own summary, no added labels and its own severity, or
     * {@code critical} when it has none. A faulting handler therefore never suppresses or
     * downgrades an alert.
     */
    public static Decision fallback(HandlerInput in) {
        String severity = in.severity().isBlank() ? "critical" : in.severity();
        return new Decision(severity, 0, false, 0, in.summary(), Map.of(), false);
    }
}
