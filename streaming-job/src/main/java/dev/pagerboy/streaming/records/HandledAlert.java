package dev.pagerboy.streaming.records;

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
 * @param faultKind the handler fault's kind, or {@code ""} when it completed normally
 * @param faultDetail the fault's detail, or {@code ""}
 * @param decision the handler's decision, or the fallback decision when it faulted or none ran
 */
public record HandledAlert(
        Alert alert,
        DedupOutcome.Verdict verdict,
        int repeatCount,
        String romRouteId,
        String romSha256,
        long cycles,
        String faultKind,
        String faultDetail,
        HandlerDecision decision) {

    /** Whether the decision is the fallback one because the handler faulted. */
    public boolean faulted() {
        return !faultKind.isEmpty();
    }
}
