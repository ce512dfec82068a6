package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * PagerDuty acknowledge is recorded without paging (acks are next milestone's). Every verdict is
 * archived; the alerts that pass go on to the handler as {@link DedupOutcome}s.
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
 * Its archive row is at that decision time and carries {@code lateByMillis}; {@code lateAlerts}
 * counts it. Deciding it at its own, past, event time would make its group flush in the past: the
 * group would catch up at once, every missed {@code group_interval}, with a page for every {@code
 * repeat_interval} it skipped. Whether an alert is late depends on when it arrived, so a replay
 * reproduces these decisions only from the archived rows, not from the input alone.
 *
 * <p><b>State expiry.</b> A fingerprint's state is cleared {@code stateRetention} of event time
 * after its last alert, by an event-time timer. Flink's {@code StateTtlConfig} was not used because
 * it only knows processing time: a replay, which runs hours of history in seconds, would keep state
 * that the live job had expired (or the reverse), and decide differently.
 *
 * <p>State per fingerprint: {@code pending} (event time → alerts waiting for the watermark), {@code
 * episode} ({@link Episode}: firing or not, last passed firing, repeat count, last alert, expiry
 * timer), {@code seenEventIds} (event id → event time, within retention). Timers: one per distinct
 * pending event time plus one expiry timer, postponed when it fires before the state is due.
 * Metrics ({@code pagerboy.dedup}): {@code duplicatesSuppressed} (repeats plus re-deliveries),
 * {@code repeatsSuppressed}, {@code redeliveriesDropped}, {@code statesExpired}, {@code
 * lateAlerts}.
 */
public class DedupFunction extends KeyedProcessFunction<String, Alert, DedupOutcome> {

    /**
     * What dedup remembers about a fingerprint between alerts.
     *
     * @param firing whether the fingerprint is in a firing episode
     * @param lastPassedAt event time of the last firing that passed
     * @param repeatCount firings seen in this episode after the first
     * @param lastAlertAt event time of the latest alert decided
     * @param expiryTimerAt the time of the registered expiry timer, 0 when none
     * @param idsPrunedAt when old event ids were last forgotten
     */
    public record Episode(
            boolean firing,
            long lastPassedAt,
            int repeatCount,
            long lastAlertAt,
            long expiryTimerAt,
            long idsPrunedAt) {

        static final Episode NONE = new Episode(false, 0L, 0, 0L, 0L, 0L);

        Episode resolved() {
            return new Episode(false, 0L, 0, lastAlertAt, expiryTimerAt, idsPrunedAt);
        }

        Episode firingSince(long time) {
            return new Episode(true, time, 0, lastAlertAt, expiryTimerAt, idsPrunedAt);
        }

        Episode repeated(boolean passed, long time) {
            return new Episode(
                    true,
                    passed ? time : lastPassedAt,
                    repeatCount + 1,
                    lastAlertAt,
                    expiryTimerAt,
                    idsPrunedAt);
        }

        Episode seenAt(long time, long timerAt) {
            return new Episode(
                    firing,
                    lastPassedAt,
                    repeatCount,
                    Math.max(lastAlertAt, time),
                    timerAt,
                    idsPrunedAt);
        }

        Episode prunedAt(long time) {
            return new Episode(firing, lastPassedAt, repeatCount, lastAlertAt, expiryTimerAt, time);
        }
    }

    private final RouteTree routes;
    private final long retentionMillis;

    private transient MapState<Long, List<Alert>> pending;
    private transient ValueState<Episode> episode;
    private transient MapState<String, Long> seenEventIds;
    private transient StageMetrics metrics;

    public DedupFunction(RouteTree routes, Duration stateRetention) {
        this.routes = routes;
        this.retentionMillis = stateRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
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
                MetricName.STATES_EXPIRED,
                MetricName.LATE_ALERTS);
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<DedupOutcome> out)
            throws Exception {
        metrics.in();
        long decideAt = decisionTime(alert.eventTime(), ctx.timerService().currentWatermark());
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
    }

    /**
     * When an alert is decided: at its event time, or, when the watermark has already passed it (a
     * late alert), just after the watermark. A timer in the past would only fire at the next
     * watermark anyway; deciding it there, at a time downstream has not reached yet, keeps the
     * groups from flushing (and repeating pages) in the past.
     */
    static long decisionTime(long eventTime, long watermark) {
        if (eventTime > watermark || watermark == Long.MAX_VALUE) {
            return eventTime;
        }
        return watermark + 1;
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
            scheduleExpiry(time, ctx);
        }
        Episode current = episode.value();
        if (current != null && time == current.expiryTimerAt()) {
            expireOrPostpone(current, time, ctx);
        }
    }

    private void decide(Alert received, long time, OnTimerContext ctx, Collector<DedupOutcome> out)
            throws Exception {
        Alert alert = received.eventTime() == time ? received : lateAt(received, time);
        Episode before = episode.value();
        if (before == null) {
            before = Episode.NONE;
        }
        DedupOutcome outcome;
        Episode after = before;
        if (alert.eventId() != null && seenEventIds.contains(alert.eventId())) {
            outcome = new DedupOutcome(Verdict.DUPLICATE_DELIVERY, alert, before.repeatCount(), 0L);
            metrics.counter(MetricName.REDELIVERIES_DROPPED).inc();
            metrics.counter(MetricName.DUPLICATES_SUPPRESSED).inc();
        } else if (alert.isAcknowledged()) {
            outcome =
                    new DedupOutcome(
                            Verdict.ACKNOWLEDGE_RECORDED,
                            alert,
                            before.repeatCount(),
                            before.lastPassedAt());
        } else if (alert.isResolved()) {
            Verdict verdict = before.firing() ? Verdict.RESOLVED : Verdict.RESOLVED_NOT_FIRING;
            outcome = new DedupOutcome(verdict, alert, before.repeatCount(), before.lastPassedAt());
            after = before.resolved();
        } else if (!before.firing()) {
            outcome = new DedupOutcome(Verdict.NEW_FIRING, alert, 0, 0L);
            after = before.firingSince(alert.eventTime());
        } else {
            int repeats = before.repeatCount() + 1;
            boolean due = alert.eventTime() - before.lastPassedAt() >= repeatInterval(alert);
            Verdict verdict = due ? Verdict.REPEAT_FIRING : Verdict.SUPPRESSED_REPEAT;
            outcome = new DedupOutcome(verdict, alert, repeats, before.lastPassedAt());
            after = before.repeated(due, alert.eventTime());
            if (!due) {
                metrics.counter(MetricName.REPEATS_SUPPRESSED).inc();
                metrics.counter(MetricName.DUPLICATES_SUPPRESSED).inc();
            }
        }
        if (alert.eventId() != null) {
            seenEventIds.put(alert.eventId(), alert.eventTime());
        }
        episode.update(after);
        ctx.output(SideOutputs.ARCHIVE, archiveRow(outcome, received.eventTime()));
        if (outcome.verdict().passes()) {
            metrics.out();
            out.collect(outcome);
        }
    }

    /**
     * The shortest {@code repeat_interval} among the routes the alert matches, so that no route
     * misses a repeat it would have sent.
     */
    private long repeatInterval(Alert alert) {
        long shortest = Long.MAX_VALUE;
        for (MatchedRoute route : routes.match(alert.labels())) {
            shortest = Math.min(shortest, route.repeatInterval().toMillis());
        }
        return shortest;
    }

    /**
     * Notes the batch's time and makes sure an expiry timer exists. The timer is not moved on every
     * alert (that would cost a timer deletion and insertion per alert); when it fires too early it
     * is postponed instead.
     */
    private void scheduleExpiry(long batchTime, OnTimerContext ctx) throws Exception {
        Episode current = episode.value();
        long timerAt = current.expiryTimerAt();
        if (timerAt == 0L) {
            timerAt = batchTime + retentionMillis;
            ctx.timerService().registerEventTimeTimer(timerAt);
        }
        episode.update(current.seenAt(batchTime, timerAt));
    }

    private void expireOrPostpone(Episode current, long time, OnTimerContext ctx) throws Exception {
        long expiresAt = current.lastAlertAt() + retentionMillis;
        if (expiresAt <= time && pending.isEmpty()) {
            episode.clear();
            seenEventIds.clear();
            metrics.counter(MetricName.STATES_EXPIRED).inc();
            return;
        }
        // Not yet expired; or alerts still wait, and their batch will register a new timer.
        long next = pending.isEmpty() ? expiresAt : 0L;
        if (next != 0L) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        episode.update(current.seenAt(current.lastAlertAt(), next));
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

    /**
     * The verdict row; the alert itself is already in its {@code alert} row (same source ref). A
     * late alert's row is at its decision time and says how late it was ({@code lateByMillis}).
     */
    private static ArchiveRecord archiveRow(DedupOutcome outcome, long receivedEventTime) {
        Alert alert = outcome.alert();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sourceRef", alert.sourceRef());
        payload.put("eventId", alert.eventId());
        payload.put("status", alert.status());
        payload.put("verdict", outcome.verdict().outcome());
        payload.put("repeatCount", outcome.repeatCount());
        payload.put("previousEventTime", outcome.previousEventTime());
        if (receivedEventTime != alert.eventTime()) {
            payload.put("lateByMillis", alert.eventTime() - receivedEventTime);
        }
        return ArchiveRecord.decision(
                ArchiveKind.DEDUP.rowId(alert.sourceRef()),
                ArchiveKind.DEDUP,
                alert.eventTime(),
                alert.fingerprint(),
                outcome.verdict().outcome(),
                payload);
    }
}
