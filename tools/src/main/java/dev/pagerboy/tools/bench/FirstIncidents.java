package dev.pagerboy.tools.bench;

import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.incidents.IncidentIds;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first incident of every group that an input's alerts open, predicted from the input alone, as
 * the job's dedup, group and incident stages decide it.
 *
 * <p>A group is born with its first firing alert, at that alert's event time, and flushes {@code
 * group_wait} later. That first flush opens an incident, {@code IncidentIds.ofGroup(route, group
 * key, birth)}, only if one of the group's alerts still fires then. If every one has ended (a
 * resolve, its own {@code endsAt}, or dedup's {@code resolve_timeout}/{@code max_open_age}), the
 * flush notifies nothing, the group is deleted, and the group's next firing alert gives birth to a
 * new group, whose first flush is looked at in turn. In a benchmark input whose weeks of generated
 * history are squeezed into seconds of event time, an alert that fires and resolves a few minutes
 * later lands both messages in the same millisecond, the millisecond of its group's first flush
 * ({@code group_wait: 0s}): a third of the groups at 10,000 alerts/s. Predicting every group's
 * incident from its first firing alert named no incident for those (the job rejected their acks as
 * {@code unknown_incident}).
 *
 * <p>Exact for the benchmark's input because the job decides a group's first flush from that
 * group's alerts up to the flush alone, and every alert of one fingerprint is in one partition
 * (keyed by fingerprint), so the job applies them in the input's order ({@code ArrivalOrder}):
 *
 * <ul>
 *   <li>in a bounded run no alert reaches a stage behind its watermark (no source idles), so every
 *       alert is decided at its own event time;
 *   <li>silences, inhibition and handlers are not modelled: {@code bench.yaml} has none;
 *   <li>a group's first flush is never held for a gap of the input: the group's own first alert is
 *       within {@code catch_up_after} of it while {@code group_wait} is shorter than that.
 * </ul>
 *
 * <p>Feed every alert of the input in stream order with the routes it matches ({@link #alert}),
 * then ask for the incidents ({@link #opened}).
 */
final class FirstIncidents {

    /**
     * The first incident of a group.
     *
     * @param fingerprint the alert whose firing gave birth to the group
     * @param openedAt the group's first flush: when the incident opens
     */
    record Opened(String routeId, String groupKey, String fingerprint, long bornAt, long openedAt) {

        String incidentId() {
            return IncidentIds.ofGroup(routeId, groupKey, bornAt);
        }
    }

    /** A group born and not yet flushed, with the state of each of its alerts. */
    private static final class Unflushed {
        final String routeId;
        final String groupKey;
        final String creator;
        final long bornAt;
        final long firstFlushAt;

        /** Fingerprint → when the alert ends: {@link Long#MIN_VALUE} if resolved. */
        final Map<String, Long> endsAt = new HashMap<>();

        Unflushed(String routeId, String groupKey, String creator, long bornAt, long groupWait) {
            this.routeId = routeId;
            this.groupKey = groupKey;
            this.creator = creator;
            this.bornAt = bornAt;
            this.firstFlushAt = bornAt + groupWait;
        }

        boolean firingAt(long time) {
            for (long end : endsAt.values()) {
                if (end > time) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The event ids of a fingerprint's records at its latest record time: an id hashes the record
     * time, so only records of the same time can be the same delivery.
     */
    private static final class Delivered {
        final long time;
        final Set<String> ids = new HashSet<>();

        Delivered(long time) {
            this.time = time;
        }
    }

    private final AlertLifecycle lifecycle;
    private final Map<String, Delivered> delivered = new HashMap<>();
    private final Map<String, Unflushed> unflushed = new LinkedHashMap<>();
    private final Set<String> decided = new HashSet<>();
    private final List<Opened> opened = new ArrayList<>();

    FirstIncidents(AlertLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /**
     * One alert of the input, in stream order, with the routes it matches. A record delivered twice
     * (the same event id, which Alertmanager input derives from the content and the record time) is
     * dropped, as dedup drops it.
     */
    void alert(Alert alert, List<MatchedRoute> routes) {
        if (alert.eventId() != null) {
            Delivered last = delivered.get(alert.fingerprint());
            if (last == null || last.time != alert.eventTime()) {
                last = new Delivered(alert.eventTime());
                delivered.put(alert.fingerprint(), last);
            }
            if (!last.ids.add(alert.eventId())) {
                return;
            }
        }
        for (MatchedRoute route : routes) {
            inGroup(alert, route, RouteTree.groupKey(route, alert.labels()));
        }
    }

    private void inGroup(Alert alert, MatchedRoute route, String groupKey) {
        String group = route.id() + "|" + groupKey;
        if (decided.contains(group)) {
            return;
        }
        Unflushed current = unflushed.get(group);
        if (current != null && alert.eventTime() > current.firstFlushAt) {
            unflushed.remove(group);
            if (firstFlush(group, current)) {
                return;
            }
            current = null; // deleted at its flush: this alert may give birth to the next one
        }
        boolean firing = Alert.FIRING.equals(alert.status());
        if (current == null) {
            if (!firing) {
                return; // a resolve opens no group
            }
            current =
                    new Unflushed(
                            route.id(),
                            groupKey,
                            alert.fingerprint(),
                            alert.eventTime(),
                            route.groupWait().toMillis());
            unflushed.put(group, current);
        }
        current.endsAt.put(alert.fingerprint(), firing ? end(alert) : Long.MIN_VALUE);
    }

    /**
     * The first incident of every group whose first flush falls within the input (at or before
     * {@code endOfInput}, the last tick: the job makes no flush after it), in the order they open.
     */
    List<Opened> opened(long endOfInput) {
        for (Map.Entry<String, Unflushed> e : unflushed.entrySet()) {
            if (e.getValue().firstFlushAt <= endOfInput) {
                firstFlush(e.getKey(), e.getValue());
            }
        }
        unflushed.clear();
        List<Opened> ordered = new ArrayList<>(opened);
        ordered.sort(Comparator.comparingLong(Opened::openedAt).thenComparing(Opened::incidentId));
        return ordered;
    }

    /** Whether the group's first flush opens its first incident (else the group is deleted). */
    private boolean firstFlush(String group, Unflushed g) {
        if (!g.firingAt(g.firstFlushAt)) {
            return false;
        }
        decided.add(group);
        opened.add(new Opened(g.routeId, g.groupKey, g.creator, g.bornAt, g.firstFlushAt));
        return true;
    }

    /**
     * When a firing alert ends if nothing else ends it: its own {@code endsAt}; else, as dedup
     * decides, {@code resolve_timeout} after it for Alertmanager input (when set), otherwise {@code
     * max_open_age} after it.
     */
    private long end(Alert alert) {
        if (alert.endsAt() != 0L) {
            return alert.endsAt();
        }
        if (!lifecycle.resolveTimeout().isZero() && "alertmanager".equals(alert.format())) {
            return alert.eventTime() + lifecycle.resolveTimeout().toMillis();
        }
        return alert.eventTime() + lifecycle.maxOpenAge().toMillis();
    }
}
