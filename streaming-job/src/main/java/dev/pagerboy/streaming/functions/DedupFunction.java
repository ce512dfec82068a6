package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.DecisionRows;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.lateness.LateInput;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.AlertEnd;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.streaming.status.EventTimeStallGauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Removes duplicate alerts, keyed by fingerprint. A firing within the route's {@code
 * repeat_interval} of the last firing that passed is suppressed (and counted); a resolve ends the
 * firing episode; the same source event delivered twice (same {@code eventId}) is dropped; a
 * PagerDuty acknowledge is recorded without paging (acks are next milestone's). The alerts that
 * pass go on to the handler as {@link DedupOutcome}s, carrying the routes their labels match (so
 * the later stages do not match the routing tree again) and the verdict's evidence for their {@code
 * decision} row, which the route stage writes; an alert stopped here gets its {@code decision} row
 * from this stage.
 *
 * <p><b>Order.</b> Alerts are buffered in state until the watermark passes their event time and are
 * then decided in {@link ArrivalOrder}, so the verdicts do not depend on how alerts from different
 * partitions (or from replayed files) interleave.
 *
 * <p><b>Late alerts.</b> An alert whose event time the watermark has already passed (a producer
 * that lagged more than the source's out-of-orderness, a partition that was idle and woke up) is
 * not dropped: it is decided as if it had arrived just after the watermark, at {@code watermark +
 * 1}, with the usual verdicts (a late re-delivery is still a {@code duplicate_delivery}, a late
 * repeat is measured against the last firing that passed), and it goes on downstream at that time.
 * Its {@code decision} row is at that decision time and carries {@code lateByMillis}; {@code
 * lateAlerts} counts it. Deciding it at its own, past, event time would make its group flush in the
 * past: the group would catch up at once, every missed {@code group_interval}, with a page for
 * every {@code repeat_interval} it skipped. Whether an alert is late depends on when it arrived,
 * which scheduling decides, so the time it was decided at is archived as an input, a {@code
 * late_input} row ({@link LateInput#DEDUP}), and replay hands the alert's record back with that
 * time as its stream timestamp, which this stage takes as the time to decide it at.
 *
 * <p><b>When state ends.</b> State follows the alert, not a clock. While a fingerprint fires, its
 * state is kept until the alert ends: a resolve message, or, when none comes, the end dedup decides
 * itself ({@link AlertEnd}): the alert's own {@code endsAt}; for Alertmanager input without {@code
 * endsAt}, {@code resolve_timeout} after its last firing message (when set); else {@code
 * max_open_age} after its last firing message. Each firing message (suppressed repeats included)
 * moves that end. At the end, dedup passes on a resolved copy of the last firing message with the
 * verdict {@code auto_resolved} and its reason, so the handler, the groups and inhibition see the
 * alert end as from a resolve. Once a fingerprint is not firing, its state (the event ids that
 * detect re-deliveries) is cleared {@code resolved_retention} after its last alert. Rules per input
 * format: docs/INGEST.md.
 *
 * <p><b>Determinism.</b> Every end is a decision taken by an event-time timer at the time it is
 * due, after the alerts buffered for that same time were decided, and never looks at alerts
 * buffered for later times: those may or may not have been read yet, depending on how far the
 * source read ahead. So the verdicts depend on the input alone. (Flink's {@code StateTtlConfig} was
 * not used because it only knows processing time.)
 *
 * <p>State per fingerprint: {@code pending} (event time → alerts waiting for the watermark), {@code
 * episode} ({@link Episode}), {@code seenEventIds} (event id → event time, within retention).
 * Timers: one per distinct pending event time plus one for the episode (its end while firing, its
 * expiry after), postponed when it fires before it is due. Metrics ({@code pagerboy.dedup}): {@code
 * duplicatesSuppressed} (repeats plus re-deliveries), {@code repeatsSuppressed}, {@code
 * redeliveriesDropped}, {@code alertsAutoResolved}, {@code statesExpired}, {@code lateAlerts}.
 */
public class DedupFunction extends KeyedProcessFunction<String, Alert, DedupOutcome> {

    /**
     * What dedup remembers about a fingerprint between alerts.
     *
     * @param firing whether the fingerprint is in a firing episode
     * @param lastPassedAt event time of the last firing that passed
     * @param repeatCount firings seen in this episode after the first
     * @param lastAlertAt event time of the latest alert decided
     * @param timerAt the time of the registered episode timer, 0 when none
     * @param idsPrunedAt when old event ids were last forgotten
     * @param openUntil while firing: when dedup ends the alert unless a firing message moves it
     * @param endRule while firing: what {@code openUntil} comes from
     * @param lastFiring while firing: the latest firing message, the model of its resolved copy
     */
    public record Episode(
            boolean firing,
            long lastPassedAt,
            int repeatCount,
            long lastAlertAt,
            long timerAt,
            long idsPrunedAt,
            long openUntil,
            AlertEnd endRule,
            Alert lastFiring) {

        static final Episode NONE = new Episode(false, 0L, 0, 0L, 0L, 0L, 0L, null, null);

        Episode resolved() {
            return new Episode(false, 0L, 0, lastAlertAt, timerAt, idsPrunedAt, 0L, null, null);
        }

        Episode firingSince(long time) {
            return new Episode(
                    true,
                    time,
                    0,
                    lastAlertAt,
                    timerAt,
                    idsPrunedAt,
                    openUntil,
                    endRule,
                    lastFiring);
        }

        Episode repeated(boolean passed, long time) {
            return new Episode(
                    true,
                    passed ? time : lastPassedAt,
                    repeatCount + 1,
                    lastAlertAt,
                    timerAt,
                    idsPrunedAt,
                    openUntil,
                    endRule,
                    lastFiring);
        }

        Episode openUntil(long until, AlertEnd rule, Alert message) {
            return new Episode(
                    firing,
                    lastPassedAt,
                    repeatCount,
                    lastAlertAt,
                    timerAt,
                    idsPrunedAt,
                    until,
                    rule,
                    message);
        }

        Episode seenAt(long time) {
            return new Episode(
                    firing,
                    lastPassedAt,
                    repeatCount,
                    Math.max(lastAlertAt, time),
                    timerAt,
                    idsPrunedAt,
                    openUntil,
                    endRule,
                    lastFiring);
        }

        Episode timerAt(long time) {
            return new Episode(
                    firing,
                    lastPassedAt,
                    repeatCount,
                    lastAlertAt,
                    time,
                    idsPrunedAt,
                    openUntil,
                    endRule,
                    lastFiring);
        }

        Episode prunedAt(long time) {
            return new Episode(
                    firing,
                    lastPassedAt,
                    repeatCount,
                    lastAlertAt,
                    timerAt,
                    time,
                    openUntil,
                    endRule,
                    lastFiring);
        }
    }

    private final RouteTree routes;
    private final long retentionMillis;
    private final long resolveTimeoutMillis;
    private final long maxOpenAgeMillis;

    private transient MapState<Long, List<Alert>> pending;
    private transient ValueState<Episode> episode;
    private transient MapState<String, Long> seenEventIds;
    private transient StageMetrics metrics;
    private transient EventTimeStallGauge stall;

    public DedupFunction(RouteTree routes, AlertLifecycle lifecycle) {
        this.routes = routes;
        this.retentionMillis = lifecycle.resolvedRetention().toMillis();
        this.resolveTimeoutMillis = lifecycle.resolveTimeout().toMillis();
        this.maxOpenAgeMillis = lifecycle.maxOpenAge().toMillis();
    }

    /** Dedup with the default lifecycle and {@code resolvedRetention}. */
    public DedupFunction(RouteTree routes, Duration resolvedRetention) {
        this(routes, AlertLifecycle.DEFAULTS.withResolvedRetention(resolvedRetention));
    }

    @Override
    public void open(OpenContext openContext) {
        // a keyed stage: the changelog backend starts its discard pool from this task
        LeftoverThreads.releaseWith(getRuntimeContext());
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(Alert.class))));
        episode =
                getRuntimeContext().getState(new ValueStateDescriptor<>("episode", Episode.class));
        seenEventIds =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("seenEventIds", Types.STRING, Types.LONG));
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.DEDUP);
        metrics.register(
                MetricName.DUPLICATES_SUPPRESSED,
                MetricName.REPEATS_SUPPRESSED,
                MetricName.REDELIVERIES_DROPPED,
                MetricName.ALERTS_AUTO_RESOLVED,
                MetricName.STATES_EXPIRED,
                MetricName.LATE_ALERTS);
        stall = EventTimeStallGauge.register(metrics.group());
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<DedupOutcome> out)
            throws Exception {
        metrics.in();
        long decideAt =
                LateInput.DEDUP.applyAt(
                        alert,
                        ctx.timestamp(),
                        ctx.timerService().currentWatermark(),
                        row -> ctx.output(SideOutputs.ARCHIVE, row));
        if (decideAt != alert.eventTime()) {
            metrics.counter(MetricName.LATE_ALERTS).inc();
        }
        // Added in place: the heap backend copies a value on write while a snapshot holds it,
        // and other backends hand out a deserialized copy; the put stores it either way.
        List<Alert> waiting = pending.get(decideAt);
        if (waiting == null) {
            waiting = new ArrayList<>(1);
        }
        waiting.add(alert);
        pending.put(decideAt, waiting);
        ctx.timerService().registerEventTimeTimer(decideAt);
        stall.waiting(decideAt, ctx.timerService());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<DedupOutcome> out)
            throws Exception {
        List<Alert> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            forgetOldEventIds(time);
            List<Alert> sorted = new ArrayList<>(due);
            sorted.sort(ArrivalOrder.ALERTS);
            for (Alert alert : sorted) {
                decide(alert, time, ctx, out);
            }
            Episode current = episode.value();
            episode.update(current.seenAt(time));
        }
        Episode current = episode.value();
        if (current == null) {
            return;
        }
        if (current.firing() && current.openUntil() <= time) {
            current = autoResolve(current, time, ctx, out);
        }
        if (!current.firing() && current.lastAlertAt() + retentionMillis <= time) {
            episode.clear();
            seenEventIds.clear();
            metrics.counter(MetricName.STATES_EXPIRED).inc();
            return;
        }
        episode.update(keepTimer(current, time, ctx));
    }

    /**
     * The episode's one timer: at its end while firing, at its expiry after. It is not moved
     * forward on every alert (that would cost a timer deletion and insertion per alert); when it
     * fires early it is registered again at the due time. It is moved back when the due time came
     * closer (a resolve ends a long firing), unless the old time also holds pending alerts.
     */
    private Episode keepTimer(Episode current, long time, OnTimerContext ctx) throws Exception {
        long dueAt =
                current.firing() ? current.openUntil() : current.lastAlertAt() + retentionMillis;
        long at = current.timerAt();
        if (at > time && at <= dueAt) {
            return current;
        }
        if (at > time && !pending.contains(at)) {
            ctx.timerService().deleteEventTimeTimer(at);
        }
        ctx.timerService().registerEventTimeTimer(dueAt);
        return current.timerAt(dueAt);
    }

    /**
     * Ends a firing alert that no resolve ended: passes on a resolved copy of its last firing
     * message, at {@code time}, with its own source reference plus the reason, so the row ids of
     * every stage stay unique and the same in every run.
     */
    private Episode autoResolve(
            Episode current, long time, OnTimerContext ctx, Collector<DedupOutcome> out) {
        Alert last = current.lastFiring();
        AlertEnd reason = current.endRule();
        Alert ended =
                new Alert(
                        last.fingerprint(),
                        Alert.RESOLVED,
                        last.labels(),
                        last.annotations(),
                        last.startsAt(),
                        Math.min(current.openUntil(), time),
                        time,
                        last.format(),
                        null,
                        reason.decidedRef(last.sourceRef()));
        DedupOutcome outcome =
                new DedupOutcome(
                        Verdict.AUTO_RESOLVED,
                        ended,
                        current.repeatCount(),
                        current.lastPassedAt(),
                        0L,
                        reason,
                        routeIds(routes.match(last.labels())));
        metrics.counter(MetricName.ALERTS_AUTO_RESOLVED).inc();
        metrics.out();
        out.collect(outcome);
        return current.resolved().seenAt(time);
    }

    private void decide(Alert received, long time, OnTimerContext ctx, Collector<DedupOutcome> out)
            throws Exception {
        Alert alert = received.eventTime() == time ? received : lateAt(received, time);
        Episode before = episode.value();
        if (before == null) {
            before = Episode.NONE;
        }
        long lateBy = time - received.eventTime();
        List<MatchedRoute> matched = routes.match(alert.labels());
        List<String> routeIds = routeIds(matched);
        DedupOutcome outcome;
        Episode after = before;
        if (alert.eventId() != null && seenEventIds.contains(alert.eventId())) {
            outcome =
                    new DedupOutcome(
                            Verdict.DUPLICATE_DELIVERY,
                            alert,
                            before.repeatCount(),
                            0L,
                            lateBy,
                            null,
                            routeIds);
            metrics.counter(MetricName.REDELIVERIES_DROPPED).inc();
            metrics.counter(MetricName.DUPLICATES_SUPPRESSED).inc();
        } else if (alert.isAcknowledged()) {
            outcome =
                    new DedupOutcome(
                            Verdict.ACKNOWLEDGE_RECORDED,
                            alert,
                            before.repeatCount(),
                            before.lastPassedAt(),
                            lateBy,
                            null,
                            routeIds);
        } else if (alert.isResolved()) {
            Verdict verdict = before.firing() ? Verdict.RESOLVED : Verdict.RESOLVED_NOT_FIRING;
            outcome =
                    new DedupOutcome(
                            verdict,
                            alert,
                            before.repeatCount(),
                            before.lastPassedAt(),
                            lateBy,
                            null,
                            routeIds);
            after = before.resolved();
        } else if (!before.firing()) {
            outcome = new DedupOutcome(Verdict.NEW_FIRING, alert, 0, 0L, lateBy, null, routeIds);
            after = openedBy(before.firingSince(alert.eventTime()), alert);
        } else {
            int repeats = before.repeatCount() + 1;
            boolean due = alert.eventTime() - before.lastPassedAt() >= repeatInterval(matched);
            Verdict verdict = due ? Verdict.REPEAT_FIRING : Verdict.SUPPRESSED_REPEAT;
            outcome =
                    new DedupOutcome(
                            verdict, alert, repeats, before.lastPassedAt(), lateBy, null, routeIds);
            after = openedBy(before.repeated(due, alert.eventTime()), alert);
            if (!due) {
                metrics.counter(MetricName.REPEATS_SUPPRESSED).inc();
                metrics.counter(MetricName.DUPLICATES_SUPPRESSED).inc();
            }
        }
        if (alert.eventId() != null) {
            seenEventIds.put(alert.eventId(), alert.eventTime());
        }
        episode.update(after);
        if (outcome.verdict().passes()) {
            metrics.out();
            out.collect(outcome);
        } else {
            ctx.output(SideOutputs.ARCHIVE, DecisionRows.stoppedByDedup(outcome));
        }
    }

    /**
     * The shortest {@code repeat_interval} among the routes the alert matches, so that no route
     * misses a repeat it would have sent.
     */
    private static long repeatInterval(List<MatchedRoute> matched) {
        long shortest = Long.MAX_VALUE;
        for (MatchedRoute route : matched) {
            shortest = Math.min(shortest, route.repeatInterval().toMillis());
        }
        return shortest;
    }

    /**
     * When a firing message leaves its alert open until: its own {@code endsAt}; for Alertmanager
     * input without one, {@code resolve_timeout} later (when set); otherwise {@code max_open_age}
     * later. The latest firing message decides, as in Alertmanager, where every post replaces the
     * alert's end.
     */
    private Episode openedBy(Episode episode, Alert message) {
        if (message.endsAt() != 0L) {
            return episode.openUntil(message.endsAt(), AlertEnd.ENDS_AT, message);
        }
        if (resolveTimeoutMillis > 0 && "alertmanager".equals(message.format())) {
            return episode.openUntil(
                    message.eventTime() + resolveTimeoutMillis, AlertEnd.RESOLVE_TIMEOUT, message);
        }
        return episode.openUntil(
                message.eventTime() + maxOpenAgeMillis, AlertEnd.MAX_OPEN_AGE, message);
    }

    /**
     * Forgets event ids older than the retention. The scan runs at most once per eighth of the
     * retention (event time), so a fingerprint that fires constantly does not pay for it per alert.
     */
    private void forgetOldEventIds(long time) throws Exception {
        Episode current = episode.value();
        if (current == null || time - current.idsPrunedAt() < retentionMillis / 8) {
            return;
        }
        long horizon = time - retentionMillis;
        Iterator<Map.Entry<String, Long>> it = seenEventIds.iterator();
        while (it.hasNext()) {
            if (it.next().getValue() < horizon) {
                it.remove();
            }
        }
        episode.update(current.prunedAt(time));
    }

    /** The late alert as it is decided, and passed on: at {@code time}, after the watermark. */
    private static Alert lateAt(Alert alert, long time) {
        return new Alert(
                alert.fingerprint(),
                alert.status(),
                alert.labels(),
                alert.annotations(),
                alert.startsAt(),
                alert.endsAt(),
                time,
                alert.format(),
                alert.eventId(),
                alert.sourceRef());
    }

    private static List<String> routeIds(List<MatchedRoute> matched) {
        List<String> ids = new ArrayList<>(matched.size());
        for (MatchedRoute route : matched) {
            ids.add(route.id());
        }
        return ids;
    }
}
