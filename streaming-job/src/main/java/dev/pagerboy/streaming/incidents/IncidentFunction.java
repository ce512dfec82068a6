package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.EscalationPolicy;
import dev.pagerboy.streaming.config.OnCallSchedule;
import dev.pagerboy.streaming.functions.LeftoverThreads;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateInput;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The incident lifecycle, keyed by the group's hex16 (the first part of every incident id, so acks
 * reach the group's state). A group flush that notifies opens an incident (triggered) or updates
 * the open one; a resolved flush, a signed resolve or the policy's final action resolves it; an
 * accepted ack acknowledges it and stops escalation; a page of the current level that the
 * dispatcher failed to deliver escalates at once. Each transition is an {@link IncidentUpdate}
 * (side output {@link #INCIDENTS}, archived as {@code incident}); each accepted ack an {@link
 * AcceptedAck} ({@link #ACCEPTED_ACKS}); the main output is the pages: the group's notification
 * itself for a route without an escalation policy, else one page per engineer (or receiver) of each
 * escalation level, from {@link Escalation}.
 *
 * <p><b>Order.</b> Flushes and acks are buffered until the watermark passes their event time and
 * applied then, flushes before acks, each in a fixed order ({@link IncidentSignal#order()}), so the
 * interleaving of the two streams never changes a decision. A late ack or receipt (behind the
 * watermark) is applied at the next event time instead, and that time is archived as an input
 * ({@link LateInput}) so that replay applies it there too; so is a flush that reaches this stage
 * behind its watermark, which its clock input can put ahead of the group's path ({@link
 * LateFlushes}).
 *
 * <p><b>Time.</b> Escalation levels are event-time timers. When a bounded input ends the watermark
 * jumps to {@code Long.MAX_VALUE} and every armed timer fires; as in {@code GroupFunction}, a level
 * due after the last clock tick (broadcast state {@link #CLOCK}) is then not paged, so a replay of
 * a stretch pages exactly what the live job paged in it.
 *
 * <p><b>Retention.</b> A resolved incident is kept {@code retention} longer (to reject late acks as
 * already resolved and replays as duplicates), then removed by an event-time timer: Flink's state
 * TTL counts processing time, which a replay would not reproduce.
 *
 * <p>Keyed state: {@code incidents} (id → {@link Incident}), {@code open} (the open incident's id),
 * {@code pending} (event time → signals). Timers: pending times, the next escalation, cleanups.
 */
public class IncidentFunction
        extends KeyedBroadcastProcessFunction<String, IncidentSignal, Tick, Notification> {

    public static final OutputTag<IncidentUpdate> INCIDENTS =
            new OutputTag<>("incidents", TypeInformation.of(IncidentUpdate.class));

    public static final OutputTag<AcceptedAck> ACCEPTED_ACKS =
            new OutputTag<>("accepted-acks", TypeInformation.of(AcceptedAck.class));

    /** The latest tick's event time (key "latest"): where a bounded input ends. */
    public static final MapStateDescriptor<String, Long> CLOCK =
            new MapStateDescriptor<>("incidentClock", Types.STRING, Types.LONG);

    private static final String LATEST = "latest";

    private final Escalation escalation;
    private final long retentionMillis;
    private final LateFlushes lateFlushes;

    private transient MapState<String, Incident> incidents;
    private transient ValueState<String> open;
    private transient MapState<Long, List<IncidentSignal>> pending;
    private transient IncidentMetrics metrics;

    public IncidentFunction(
            Map<String, EscalationPolicy> policies,
            Map<String, OnCallSchedule> schedules,
            Map<String, Engineer> roster,
            Duration retention) {
        this(policies, schedules, roster, retention, LateFlushes.NONE);
    }

    /**
     * @param lateFlushes the times a replayed archive recorded for flushes that reached the live
     *     job's incident stage behind its watermark ({@link LateFlushes#NONE} live)
     */
    public IncidentFunction(
            Map<String, EscalationPolicy> policies,
            Map<String, OnCallSchedule> schedules,
            Map<String, Engineer> roster,
            Duration retention,
            LateFlushes lateFlushes) {
        this.escalation = new Escalation(policies, schedules, roster);
        this.retentionMillis = retention.toMillis();
        this.lateFlushes = lateFlushes;
    }

    @Override
    public void open(OpenContext openContext) {
        // a keyed stage: the changelog backend starts its discard pool from this task
        LeftoverThreads.releaseWith(getRuntimeContext());
        incidents =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "incidents",
                                        Types.STRING,
                                        TypeInformation.of(Incident.class)));
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open", Types.STRING));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(IncidentSignal.class))));
        metrics = new IncidentMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(
            IncidentSignal signal, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long time;
        if (signal.flush() != null) {
            time =
                    lateFlushes.applyAt(
                            signal.flush(), watermark, row -> ctx.output(SideOutputs.ARCHIVE, row));
        } else {
            time =
                    LateInput.INCIDENTS.applyAt(
                            signal.input(),
                            ctx.timestamp(),
                            watermark,
                            row -> ctx.output(SideOutputs.ARCHIVE, row));
        }
        List<IncidentSignal> at = pending.get(time);
        List<IncidentSignal> next = at == null ? new ArrayList<>() : new ArrayList<>(at);
        next.add(signal);
        pending.put(time, next);
        ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void processBroadcastElement(Tick tick, Context ctx, Collector<Notification> out)
            throws Exception {
        Long latest = ctx.getBroadcastState(CLOCK).get(LATEST);
        if (latest == null || tick.eventTime() > latest) {
            ctx.getBroadcastState(CLOCK).put(LATEST, tick.eventTime());
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        List<IncidentSignal> signals = pending.get(time);
        if (signals != null) {
            pending.remove(time);
            List<IncidentSignal> ordered = new ArrayList<>(signals);
            ordered.sort(Comparator.comparing(IncidentSignal::order));
            for (IncidentSignal s : ordered) {
                if (s.flush() != null) {
                    onFlush(s.flush(), time, ctx, out);
                } else if (s.ack() != null) {
                    onAck(s.ack(), time, ctx, out);
                } else {
                    onFailedDelivery(s.failure(), time, ctx, out);
                }
            }
        }
        String openId = open.value();
        if (openId != null && inputReached(time, ctx)) {
            escalate(incidents.get(openId), time, ctx, out);
        }
        removeExpired(time);
    }

    private void onFlush(
            Notification flush, long time, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        String openId = open.value();
        Incident current = openId == null ? null : incidents.get(openId);
        if (current != null && !current.groupIncidentId().equals(flush.incidentId())) {
            // The open incident's group ended and a new group took its key without a resolved
            // flush reaching us (its alerts ended unnotified): that incident is over.
            resolve(current, time, "", ctx);
            current = null;
        }
        boolean firing = Alert.FIRING.equals(flush.status());
        if (current == null && firing) {
            String id = flush.incidentId();
            if (incidents.contains(id)) {
                // The same group fires again after its incident was resolved: a new incident.
                id = IncidentIds.of(IncidentIds.key(id), time);
            }
            String policy = escalation.policyOf(flush);
            Incident opened = Incident.open(id, flush, policy);
            if (!policy.isEmpty()) {
                opened = opened.withEscalation(0, 0, 0, escalation.firstDue(policy, time));
            }
            opened = transition(opened, IncidentChange.TRIGGERED, time, ctx);
            open.update(id);
            if (!opened.hasPolicy()) {
                page(opened.page(), ctx, out);
            }
            escalate(opened, time, ctx, out);
            return;
        }
        if (current != null) {
            current = current.withPage(flush);
            if (!current.hasPolicy()) {
                page(current.page(), ctx, out);
            }
            if (firing) {
                incidents.put(current.id(), current);
            } else {
                resolve(current, time, "", ctx);
            }
            return;
        }
        Incident last = lastOfGroup(flush.incidentId());
        if (last == null || !last.hasPolicy()) {
            page(flush.forIncident(last == null ? flush.incidentId() : last.id()), ctx, out);
        }
    }

    private void onAck(AckClaim claim, long time, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        Incident incident =
                claim.fromPagerDuty()
                        ? ofGroup(claim.incidentId())
                        : incidents.get(claim.incidentId());
        if (incident == null) {
            reject(claim, AckVerdict.UNKNOWN_INCIDENT, "no incident " + claim.incidentId(), ctx);
            return;
        }
        if (incident.signatures().contains(claim.signatureHash())) {
            reject(claim, AckVerdict.DUPLICATE, "signature already accepted", ctx);
            return;
        }
        if (!incident.open()) {
            reject(claim, AckVerdict.ALREADY_RESOLVED, "resolved at " + incident.changedAt(), ctx);
            return;
        }
        if (!claim.fromPagerDuty() && !escalation.mayAck(incident.policy(), claim.engineerName())) {
            reject(
                    claim,
                    AckVerdict.NOT_A_TARGET,
                    claim.engineerName() + " is not a target of policy " + incident.policy(),
                    ctx);
            return;
        }
        incident = incident.withAcceptedAck(claim.signatureHash());
        String by = claim.engineerName();
        switch (claim.action()) {
            case ACK -> {
                if (incident.status() == IncidentStatus.TRIGGERED) {
                    long due = incident.nextEscalationAt();
                    incident =
                            transition(
                                    incident.withStatus(IncidentStatus.ACKNOWLEDGED, time, by),
                                    IncidentChange.ACKNOWLEDGED,
                                    time,
                                    ctx);
                    release(due, time, ctx);
                } else {
                    incidents.put(incident.id(), incident);
                }
            }
            case UNACK -> {
                if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
                    Incident back = incident.withStatus(IncidentStatus.TRIGGERED, time, "");
                    if (back.hasPolicy()) {
                        back = back.withEscalation(0, 0, back.step(), time);
                    }
                    incident = transition(back, IncidentChange.UNACKNOWLEDGED, time, ctx);
                    escalate(incident, time, ctx, out);
                } else {
                    incidents.put(incident.id(), incident);
                }
            }
            case RESOLVE -> resolve(incident, time, by, ctx);
        }
        if (claim.fromPagerDuty()) {
            // Unsigned: nothing for a leaf to prove, so it is archived but not anchored.
            ctx.output(
                    SideOutputs.ARCHIVE,
                    AckRows.verdict(claim.input(), incident.id(), AckVerdict.ACCEPTED, "", claim));
            return;
        }
        ctx.output(
                ACCEPTED_ACKS,
                new AcceptedAck(
                        claim.incidentId(),
                        claim.fingerprint(),
                        claim.engineer(),
                        claim.action(),
                        claim.ackedAt(),
                        claim.signature(),
                        incident.acceptedAcks(),
                        claim.method()));
        ctx.output(
                SideOutputs.ARCHIVE,
                AckRows.verdict(claim.input(), claim.incidentId(), AckVerdict.ACCEPTED, "", claim));
    }

    /**
     * A page of the incident's current level could not be delivered: its next level is due now
     * instead of after the ack timeout ({@link FailedDelivery#escalates}).
     */
    private void onFailedDelivery(
            FailedDelivery failure, long time, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        Incident incident = incidents.get(failure.incidentId());
        if (incident == null || !failure.escalates(incident)) {
            return;
        }
        release(incident.nextEscalationAt(), time, ctx);
        escalate(
                incident.withEscalation(incident.level(), incident.round(), incident.step(), time),
                time,
                ctx,
                out);
    }

    /** Pages every level due by {@code now} and arms the timer of the next one. */
    private void escalate(
            Incident incident, long now, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        Incident current = incident;
        for (Escalation.Fired fired : escalation.due(current, now)) {
            for (Notification p : fired.pages()) {
                page(p, ctx, out);
            }
            current = transition(fired.incident(), fired.change(), fired.at(), ctx);
            if (!current.open()) {
                closed(current, fired.at(), ctx);
            }
        }
        if (current.open() && current.nextEscalationAt() > now) {
            ctx.timerService().registerEventTimeTimer(current.nextEscalationAt());
        }
    }

    private void resolve(Incident incident, long time, String by, ReadOnlyContext ctx)
            throws Exception {
        long due = incident.nextEscalationAt();
        Incident resolved =
                transition(
                        incident.withStatus(IncidentStatus.RESOLVED, time, by),
                        IncidentChange.RESOLVED,
                        time,
                        ctx);
        closed(resolved, time, ctx);
        release(due, time, ctx);
    }

    private void closed(Incident incident, long time, ReadOnlyContext ctx) throws Exception {
        if (incident.id().equals(open.value())) {
            open.clear();
        }
        ctx.timerService().registerEventTimeTimer(time + retentionMillis);
    }

    /** Emits and archives one transition and stores the incident after it. */
    private Incident transition(
            Incident incident, IncidentChange change, long time, ReadOnlyContext ctx)
            throws Exception {
        Incident counted = incident.counted();
        IncidentUpdate update = counted.update(change, time);
        metrics.transition(change);
        ctx.output(INCIDENTS, update);
        ctx.output(
                SideOutputs.ARCHIVE,
                ArchiveRecord.decision(
                        ArchiveKind.INCIDENT.rowId(update.ref()),
                        ArchiveKind.INCIDENT,
                        time,
                        counted.id(),
                        change.text(),
                        update));
        incidents.put(counted.id(), counted);
        return counted;
    }

    private void page(Notification page, ReadOnlyContext ctx, Collector<Notification> out) {
        ctx.output(
                SideOutputs.ARCHIVE,
                ArchiveRecord.decision(
                        ArchiveKind.NOTIFICATION.rowId(page.idempotencyKey()),
                        ArchiveKind.NOTIFICATION,
                        page.eventTime(),
                        page.idempotencyKey(),
                        page.receiver(),
                        page));
        metrics.page();
        out.collect(page);
    }

    private void reject(AckClaim claim, AckVerdict verdict, String detail, ReadOnlyContext ctx) {
        metrics.verdict(verdict);
        ctx.output(
                SideOutputs.ARCHIVE,
                AckRows.verdict(claim.input(), claim.incidentId(), verdict, detail, claim));
        ctx.output(SideOutputs.DEAD_LETTERS, AckRows.deadLetter(claim.input(), verdict, detail));
    }

    /**
     * Drops the timer of an escalation that will no longer happen, unless the same instant is still
     * needed for buffered signals or a cleanup.
     */
    private void release(long due, long now, ReadOnlyContext ctx) throws Exception {
        if (due <= now || pending.contains(due)) {
            return;
        }
        for (Incident i : incidents.values()) {
            if (!i.open() && i.changedAt() + retentionMillis == due) {
                return;
            }
        }
        ctx.timerService().deleteEventTimeTimer(due);
    }

    /** A bounded input's end fires every timer at once: only levels due within it are paged. */
    private boolean inputReached(long time, OnTimerContext ctx) throws Exception {
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            return true;
        }
        Long latest = ctx.getBroadcastState(CLOCK).get(LATEST);
        return latest != null && time <= latest;
    }

    /**
     * The incident a PagerDuty event reaches, which names its group's incident id: the group's open
     * incident, or else its latest (a group that fired again after a resolve opened a new one).
     */
    private Incident ofGroup(String groupIncidentId) throws Exception {
        String openId = open.value();
        Incident current = openId == null ? null : incidents.get(openId);
        if (current != null && current.groupIncidentId().equals(groupIncidentId)) {
            return current;
        }
        return lastOfGroup(groupIncidentId);
    }

    private Incident lastOfGroup(String groupIncidentId) throws Exception {
        Incident last = null;
        for (Incident i : incidents.values()) {
            if (i.groupIncidentId().equals(groupIncidentId)
                    && (last == null || i.openedAt() > last.openedAt())) {
                last = i;
            }
        }
        return last;
    }

    private void removeExpired(long time) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Incident> e : incidents.entries()) {
            Incident i = e.getValue();
            if (!i.open() && i.changedAt() + retentionMillis <= time) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            incidents.remove(id);
        }
    }
}
