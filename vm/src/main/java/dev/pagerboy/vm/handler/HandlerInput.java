package dev.pagerboy.vm.handler;

import java.util.Map;

/**
 * One alert as a handler sees it, before it is written into the ABI's input area.
 *
 * @param status {@code firing} or {@code resolved}
 * @param severity the alert's own severity (usually its {@code severity} label), may be empty
 * @param alertname the {@code alertname} label
 * @param fingerprintHex the alert's fingerprint as hex (16 digits for Alertmanager's)
 * @param labels all labels of the alert
 * @param summary the {@code summary} annotation, may be empty
 * @param startsAtEpochMillis when the alert started firing (event time, never the wall clock)
 * @param repeatCount how many times this fingerprint was seen before
 */
public record HandlerInput(
        String status,
        String severity,
        String alertname,
        String fingerprintHex,
        Map<String, String> labels,
        String summary,
        long startsAtEpochMillis,
        int repeatCount) {

    public HandlerInput {
        status = status == null ? "" : status;
        severity = severity == null ? "" : severity;
        alertname = alertname == null ? "" : alertname;
        fingerprintHex = fingerprintHex == null ? "" : fingerprintHex;
        labels = labels == null ? Map.of() : labels;
        summary = summary == null ? "" : summary;
    }
}
