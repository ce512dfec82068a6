package dev.pagerboy.streaming.incidents;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The incident stage's counters, under {@code pagerboy.incidents}: transitions by kind ({@code
 * triggered}, {@code acknowledged}, {@code escalated}, …), pages sent, and ack verdicts by reason
 * ({@code acks.accepted}, {@code acks.bad_signature}, …), so that nothing the stage rejects goes
 * uncounted.
 */
final class IncidentMetrics {

    private final Map<IncidentChange, Counter> transitions = new EnumMap<>(IncidentChange.class);
    private final Map<AckVerdict, Counter> verdicts = new EnumMap<>(AckVerdict.class);
    private final Counter pages;

    IncidentMetrics(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup("pagerboy").addGroup("incidents");
        for (IncidentChange c : IncidentChange.values()) {
            transitions.put(c, group.counter(c.text()));
        }
        MetricGroup acks = group.addGroup("acks");
        for (AckVerdict v : AckVerdict.values()) {
            verdicts.put(v, acks.counter(v.text()));
        }
        pages = group.counter("pages");
    }

    void transition(IncidentChange change) {
        transitions.get(change).inc();
    }

    void verdict(AckVerdict verdict) {
        verdicts.get(verdict).inc();
    }

    void page() {
        pages.inc();
    }
}
