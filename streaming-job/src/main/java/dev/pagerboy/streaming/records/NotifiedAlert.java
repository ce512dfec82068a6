package dev.pagerboy.streaming.records;

import java.util.Map;

/**
 * One alert as it appears in a notification: what an on-call engineer (or a webhook) needs to read.
 *
 * @param fingerprint the alert's fingerprint
 * @param status {@code firing} or {@code resolved}
 * @param severity the handler's severity
 * @param summary the handler's summary
 * @param escalationPolicyId the handler's escalation policy, or {@code ""}
 * @param labels the alert's labels plus the handler's added labels
 * @param startsAt when the alert started (epoch ms)
 * @param endsAt when it ended (epoch ms), 0 while firing
 */
public record NotifiedAlert(
        String fingerprint,
        String status,
        String severity,
        String summary,
        String escalationPolicyId,
        Map<String, String> labels,
        long startsAt,
        long endsAt) {}
