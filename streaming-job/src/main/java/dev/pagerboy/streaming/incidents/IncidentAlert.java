package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One alert carried by a group flush, with the incident id of that flush: what {@link
 * PagerDutyAckFunction} learns so that a PagerDuty event, which names only the alert, finds its
 * incident.
 *
 * @param fingerprint the alert's fingerprint
 * @param incidentId the flush's (group's) incident id
 * @param eventTime the flush's event time
 */
public record IncidentAlert(String fingerprint, String incidentId, long eventTime) {

    /** Every alert of a group flush. */
    public static final class OfFlush implements FlatMapFunction<Notification, IncidentAlert> {
        @Override
        public void flatMap(Notification flush, Collector<IncidentAlert> out) {
            for (NotifiedAlert a : flush.alerts()) {
                out.collect(
                        new IncidentAlert(a.fingerprint(), flush.incidentId(), flush.eventTime()));
            }
        }
    }
}
