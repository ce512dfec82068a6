package dev.pagerboy.gateway.view;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway shows of one incident, a snapshot of the {@link IncidentBoard}.
 *
 * @param id the incident id
 * @param title the first alert's summary, or its alertname
 * @param severity the handler's severity of the first alert
 * @param labels the first alert's labels
 * @param fingerprint the first alert's fingerprint (what signed acks name)
 * @param firedAt when it was triggered, epoch ms (0 until the incidents topic says)
 * @param status triggered, acknowledged or resolved
 * @param level the escalation level last paged
 * @param paged everyone paged so far (engineers and receivers), in order
 * @param teams the teams of everyone paged: who may see the incident
 * @param actedBy who acknowledged or resolved it, or {@code ""}
 * @param timeline fired, paged, escalated, acknowledged, delivery receipts, in time order
 * @param proofs anchored acknowledgments
 * @param ackedWithoutProof true when an ack took effect whose proof has not arrived (Pending)
 */
public record IncidentCard(
        String id,
        String title,
        String severity,
        Map<String, String> labels,
        String fingerprint,
        long firedAt,
        String status,
        int level,
        List<String> paged,
        Set<String> teams,
        String actedBy,
        List<TimelineEntry> timeline,
        List<AnchorProof> proofs,
        boolean ackedWithoutProof) {

    /** Whether the incident still needs someone. */
    public boolean open() {
        return !"resolved".equals(status);
    }

    /**
     * "Recorded" once every ack that took effect is anchored; "Pending" before; "" without acks.
     */
    public String recordState() {
        if (ackedWithoutProof) {
            return "Pending";
        }
        return proofs.isEmpty() ? "" : "Recorded";
    }
}
