package dev.pagerboy.dispatcher.page;

import java.util.Map;

/**
 * One alert of a {@link Page}: the job's {@code NotifiedAlert} as JSON.
 *
 * @param fingerprint the alert's fingerprint
 * @param status {@code firing} or {@code resolved}
 * @param severity the handler's severity
 * @param summary the handler's summary
 * @param escalationPolicyId the escalation policy, or {@code ""}
 * @param labels the alert's labels
 * @param startsAt epoch ms
 * @param endsAt epoch ms, 0 while firing
 */
public record PageAlert(
        String fingerprint,
        String status,
        String severity,
        String summary,
        String escalationPolicyId,
        Map<String, String> labels,
        long startsAt,
        long endsAt) {

    public PageAlert {
        fingerprint = fingerprint == null ? "" : fingerprint;
        status = status == null ? "firing" : status;
        severity = severity == null ? "" : severity;
        summary = summary == null ? "" : summary;
        escalationPolicyId = escalationPolicyId == null ? "" : escalationPolicyId;
        labels = labels == null ? Map.of() : labels;
    }
}
