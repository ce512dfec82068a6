package dev.pagerboy.streaming.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert after the handler stage: the alert, what its handler ROM decided, and the evidence
 * needed to audit and replay that decision (which ROM, how many cycles, which fault).
 *
 * @param alert the alert as it passed dedup
 * @param verdict the dedup verdict that let it through
 * @param repeatCount the dedup repeat count the handler saw
 * @param romRouteId the route whose ROM ran, or {@code ""} when no route matched
 * @param romSha256 lowercase hex SHA-256 of the ROM that ran, or {@code ""} when none ran
 * @param cycles machine cycles the handler used
 * @param faultKind the handler fault's kind, {@link HandlerFaultKind#NONE} when it completed
 *     normally or no handler ran
 * @param faultDetail the fault's detail, or {@code ""}
 * @param decision the handler's decision, or the fallback decision when it faulted or none ran
 * @param previousEventTime {@link DedupOutcome#previousEventTime()}
 * @param lateByMillis {@link DedupOutcome#lateByMillis()}
 * @param endedBy {@link DedupOutcome#endedBy()}
 * @param routeIds {@link DedupOutcome#routeIds()}: the routes the alert's own labels match
 */
public record HandledAlert(
        Alert alert,
        DedupOutcome.Verdict verdict,
        int repeatCount,
        String romRouteId,
        String romSha256,
        long cycles,
        HandlerFaultKind faultKind,
        String faultDetail,
        HandlerDecision decision,
        long previousEventTime,
        long lateByMillis,
        AlertEnd endedBy,
        List<String> routeIds) {

    public HandledAlert {
        Objects.requireNonNull(faultKind, "faultKind");
        routeIds = routeIds == null ? List.of() : routeIds;
    }

    /**
     * The labels routing, grouping, silences and inhibition see: the alert's labels plus the labels
     * the handler added (the handler's win on a clash), sorted by name.
     */
    public Map<String, String> effectiveLabels() {
        TreeMap<String, String> labels = new TreeMap<>(alert.labels());
        if (decision.addedLabels() != null) {
            labels.putAll(decision.addedLabels());
        }
        return labels;
    }

    /** Whether the decision is the fallback one because the handler faulted. */
    public boolean faulted() {
        return faultKind.isFault();
    }
}
