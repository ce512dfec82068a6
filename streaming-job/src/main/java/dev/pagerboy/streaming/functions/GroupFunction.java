package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.DecisionRows;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import dev.pagerboy.streaming.records.FlushTrigger;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.MutedBy;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Alertmanager's aggregation groups on event time, keyed by group key (route + {@code group_by}
 * values). A group is born with its first firing alert and flushes {@code group_wait} later, then
 * every {@code group_interval} while it has alerts. A flush notifies when the set of firing,
 * unmuted alerts changed since the last notification (or some were resolved), or when {@code
 * repeat_interval} has passed since it; otherwise it sends nothing and archives nothing (replay
 * derives such flushes from the inputs). A group whose alerts are all resolved and notified is
 * deleted.
 *
 * <p><b>Muting.</b> Silences and inhibition are applied at flush time (as Alertmanager's notify
 * pipeline does), using {@link MuteRules} over two broadcast states: every known version of each
 * run-time silence and every change of each inhibition source, each stamped with its event time.
 * Inhibition needs to know about firing alerts of <em>other</em> groups; broadcasting the changes
 * of alerts that match a rule's source side to every group, and asking "what was known at the
 * flush's event time", gives each group the same answer however the broadcast and keyed inputs
 * interleave. A flush timer at t only fires once the watermark (the minimum over both inputs) has
 * passed t, so every change with event time up to t has arrived by then.
 *
 * <p><b>Order.</b> Alerts are buffered until the watermark passes their event time and applied in
 * {@link ArrivalOrder}, then the flush due at that time runs. The idempotency key of a notification
 * is {@code sha256(routeId|groupKey)[0..16]-groupBornAt-flushSequence}: the same inputs give the
 * same keys.
 *
 * <p><b>End of input.</b> When the watermark jumps to {@code Long.MAX_VALUE} (a bounded replay or
 * test has ended), every armed timer fires at once, as if time ran on forever, and the {@code
 * group_interval} ticker would never stop. So once the input has ended, a group flushes only at
 * times up to the input's last event time (the latest tick, silence or source change seen on the
 * broadcast input, kept in {@link #CLOCK}) and is not re-armed past it. A flush therefore happens
 * exactly when its time is within the input, whether the watermark got there in small steps or in
 * one jump, so a replay of a stretch makes the same flushes as the live job did. With no broadcast
 * input at all the end is unknown: flushes already armed run once, without re-arming. Which flushes
 * are armed then depends on how far the watermark got in steps before the jump, which is
 * scheduling, so <b>such a run is not deterministic</b>: a bounded run needs its clock (ticks up to
 * the end of the stretch; see docs/OPERATIONS.md, "What is deterministic").
 *
 * <p><b>Catch-up.</b> When the input has a gap (a job that was down, a replay whose history pauses,
 * input far behind the ticks), the watermark jumps, and a group that re-armed every {@code
 * group_interval} would flush once per missed interval, and page once per missed {@code
 * repeat_interval}, through the whole gap. So a flush that falls due while the input has been
 * silent for longer than {@code catch_up_after} (no tick, silence, inhibition source change or
 * alert of this group within it) is not made then: the group waits, and flushes once ({@code
 * catch_up}) at the first input at or after the due time, then re-arms from there. Which input
 * comes first is a fact of the input, and every input up to the watermark has arrived when a timer
 * fires, so the catch-up flush is at the same event time however the watermark advanced. The input
 * times are kept in {@link #INPUT_TIMES} (only the latest at or before the watermark and those
 * after it). A waiting group checks at every watermark advance, by a timer just past the watermark,
 * until the input resumes.
 *
 * <p><b>Timer slices.</b> In the job, {@link GroupOperator} lets Flink fire the timers of one
 * watermark in slices, with checkpoints and input in between, so that a catch-up storm does not
 * hold checkpoints. Nothing read in between changes a due flush: alerts are after the watermark and
 * only buffered, broadcast inputs are recorded with their event times, and broadcast state is
 * forgotten only up to the watermark whose timers have all fired.
 *
 * <p>Archive: one {@code notification} row per page, with the flush's reason and trigger; one
 * {@code mute} row when a silence or inhibit rule starts keeping an alert out of the group's
 * flushes (naming the silence, or the rule and the inhibiting alert).
 *
 * <p>Keyed state: {@code pending} (event time → routed alerts), {@code members} (fingerprint →
 * {@link Member}), {@code group} ({@link Group}), {@code mutes} (fingerprint → the {@link
 * MutedBy#rule()} its last {@code mute} row named, while it stays muted). Timers: one per pending
 * event time, plus the next flush (or, while waiting for the input, the next check). Broadcast
 * state: {@link #SILENCES}, {@link #SOURCES}, {@link #CLOCK}, {@link #INPUT_TIMES}.
 */
public class GroupFunction
        extends KeyedBroadcastProcessFunction<String, RoutedAlert, GroupControl, Notification> {

    /**
     * Every flush, notifying or not. Not archived (schema v2 keeps only its notification and new
     * mutes) and not consumed by the pipeline, where Flink drops it at no cost beyond the call;
     * tests and a replay that compares flushes read it.
     */
    public static final OutputTag<GroupFlush> FLUSHES =
            new OutputTag<>("flushes", TypeInformation.of(GroupFlush.class));

    /** Run-time silences by id: every version, oldest first. */
    public static final MapStateDescriptor<String, List<Silence>> SILENCES =
            new MapStateDescriptor<>(
                    "silences", Types.STRING, Types.LIST(TypeInformation.of(Silence.class)));

    /** Inhibition sources by fingerprint: every change, oldest first. */
    public static final MapStateDescriptor<String, List<InhibitionSource>> SOURCES =
            new MapStateDescriptor<>(
                    "inhibitionSources",
                    Types.STRING,
                    Types.LIST(TypeInformation.of(InhibitionSource.class)));

    /**
     * The latest event time seen on the broadcast input (ticks, silences, sources): key "latest".
     */
    public static final MapStateDescriptor<String, Long> CLOCK =
            new MapStateDescriptor<>("clock", Types.STRING, Types.LONG);

    private static final String LATEST = "latest";

    /**
     * Event times of the broadcast input (ticks, silences, source changes) that a group can still
     * ask about: the latest at or before the watermark and all later ones.
     */
    public static final MapStateDescriptor<Long, Boolean> INPUT_TIMES =
            new MapStateDescriptor<>("inputTimes", Types.LONG, Types.BOOLEAN);

    /** Every broadcast state the function uses, for {@code broadcast(...)}. */
    public static final List<MapStateDescriptor<?, ?>> BROADCAST_STATES =
            List.of(SILENCES, SOURCES, CLOCK, INPUT_TIMES);

    /**
     * A group's life: when it was born, its next flush, its last notification, its last alert, and
     * whether a flush waits for the input to resume.
     *
     * @param waitingSince the due time of a flush that waits for the input to resume, else 0
     */
    public record Group(
            String routeId,
            String groupKey,
            Map<String, String> groupLabels,
            long bornAt,
            long nextFlushAt,
            FlushTrigger nextTrigger,
            long flushSequence,
            long lastNotifiedAt,
            long lastAlertAt,
            long waitingSince) {

        Group alertAt(long time) {
            return new Group(
                    routeId,
                    groupKey,
                    groupLabels,
                    bornAt,
                    nextFlushAt,
                    nextTrigger,
                    flushSequence,
                    lastNotifiedAt,
                    Math.max(lastAlertAt, time),
                    waitingSince);
        }

        Group waitingSince(long time) {
            return new Group(
                    routeId,
                    groupKey,
                    groupLabels,
                    bornAt,
                    nextFlushAt,
                    nextTrigger,
                    flushSequence,
                    lastNotifiedAt,
                    lastAlertAt,
                    time);
        }

        Group triggeredBy(FlushTrigger trigger) {
            return new Group(
                    routeId,
                    groupKey,
                    groupLabels,
                    bornAt,
                    nextFlushAt,
                    trigger,
                    flushSequence,
                    lastNotifiedAt,
                    lastAlertAt,
                    waitingSince);
        }
    }

    /** An alert in a group, and whether the last notification told it as firing. */
    public record Member(NotifiedAlert alert, boolean notifiedFiring) {}

    private final RouteTree routes;
    private final List<Silence> staticSilences;
    private final List<InhibitRule> inhibitRules;
    private final long catchUpAfterMillis;
    private final LateRoutedAlerts lateAlerts;
    private final LateControls lateControls;

    /**
     * Whether {@link GroupOperator} tells this function which watermark is settled (its timers may
     * be interrupted); else, as under Flink's own operator, the current watermark is.
     */
    private transient boolean settledWatermarksKnown;

    /** The latest watermark up to which every timer has fired (see {@link GroupOperator}). */
    private transient long settledWatermark = Long.MIN_VALUE;

    /** The input times of {@link #INPUT_TIMES}, sorted; rebuilt from it after a restore. */
    private transient NavigableSet<Long> inputTimes;

    private transient MapState<Long, List<RoutedAlert>> pending;
    private transient MapState<String, Member> members;
    private transient ValueState<Group> group;
    private transient MapState<String, String> mutes;
    private transient MuteRules muteRules;

    /**
     * The inhibition sources of {@link #SOURCES} filed by rule and equal-label values; derived from
     * that state, built at the first flush after a start or restore (null until then) and updated
     * with each of the state's puts and removes.
     */
    private transient InhibitionIndex sourceIndex;

    private transient StageMetrics metrics;

    public GroupFunction(
            RouteTree routes,
            List<Silence> staticSilences,
            List<InhibitRule> inhibitRules,
            Duration catchUpAfter) {
        this(
                routes,
                staticSilences,
                inhibitRules,
                catchUpAfter,
                LateRoutedAlerts.NONE,
                LateControls.NONE);
    }

    /**
     * @param lateAlerts the times a replayed archive recorded for routed alerts this stage met
     *     behind its watermark in the live job ({@link LateRoutedAlerts#NONE} live)
     * @param lateControls the same for silences, ticks and inhibition source changes, per subtask
     *     ({@link LateControls#NONE} live)
     */
    public GroupFunction(
            RouteTree routes,
            List<Silence> staticSilences,
            List<InhibitRule> inhibitRules,
            Duration catchUpAfter,
            LateRoutedAlerts lateAlerts,
            LateControls lateControls) {
        this.routes = routes;
        this.staticSilences = List.copyOf(staticSilences);
        this.inhibitRules = List.copyOf(inhibitRules);
        this.catchUpAfterMillis = catchUpAfter.toMillis();
        this.lateAlerts = lateAlerts;
        this.lateControls = lateControls;
    }

    /** Groups that catch up after the default {@code catch_up_after}. */
    public GroupFunction(
            RouteTree routes, List<Silence> staticSilences, List<InhibitRule> inhibitRules) {
        this(routes, staticSilences, inhibitRules, AlertLifecycle.DEFAULTS.catchUpAfter());
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
                                        Types.LIST(TypeInformation.of(RoutedAlert.class))));
        members =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "members", Types.STRING, TypeInformation.of(Member.class)));
        group = getRuntimeContext().getState(new ValueStateDescriptor<>("group", Group.class));
        mutes =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("mutes", Types.STRING, Types.STRING));
        muteRules = new MuteRules(staticSilences, inhibitRules);
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.GROUP);
        metrics.register(
                MetricName.NOTIFICATIONS,
                MetricName.FLUSHES,
                MetricName.ALERTS_SILENCED,
                MetricName.ALERTS_INHIBITED,
                MetricName.FLUSHES_WAITING_FOR_INPUT,
                MetricName.CATCH_UP_FLUSHES,
                MetricName.GROUPS_OPENED,
                MetricName.GROUPS_CLOSED,
                MetricName.INPUTS_BETWEEN_TIMER_SLICES);
    }

    @Override
    public void processElement(
            RoutedAlert received, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        metrics.in();
        countIfBetweenTimerSlices(ctx.currentWatermark());
        // Behind the watermark only when the clock reached this stage before the alert path
        // (LateRoutedAlerts): filed just after it, and that time archived.
        RoutedAlert routed =
                lateAlerts.applyAt(
                        received,
                        ctx.currentWatermark(),
                        row -> ctx.output(SideOutputs.ARCHIVE, row));
        long time = routed.eventTime();
        List<RoutedAlert> waiting = pending.get(time); // added in place, as in DedupFunction
        if (waiting == null) {
            waiting = new ArrayList<>(1);
        }
        waiting.add(routed);
        pending.put(time, waiting);
        ctx.timerService().registerEventTimeTimer(time);
    }

    /** Called by {@link GroupOperator} before the function opens. */
    void settledWatermarksKnown() {
        settledWatermarksKnown = true;
        settledWatermark = Long.MIN_VALUE;
    }

    /** Called by {@link GroupOperator} once every timer up to {@code watermark} has fired. */
    void watermarkSettled(long watermark) {
        settledWatermark = Math.max(settledWatermark, watermark);
    }

    /**
     * The watermark up to which broadcast state may be forgotten: the current one, unless timers
     * are interrupted, when timers at or before it may still be due; then the settled one.
     */
    private long forgettingWatermark(Context ctx) {
        long current = ctx.currentWatermark();
        return settledWatermarksKnown ? Math.min(current, settledWatermark) : current;
    }

    /**
     * Counts an input that arrives while the timers of the current watermark are still being fired:
     * it can only be read then if {@link GroupOperator} interrupted them.
     */
    private void countIfBetweenTimerSlices(long currentWatermark) {
        if (settledWatermarksKnown && currentWatermark > settledWatermark) {
            metrics.counter(MetricName.INPUTS_BETWEEN_TIMER_SLICES).inc();
        }
    }

    @Override
    public void processBroadcastElement(
            GroupControl received, Context ctx, Collector<Notification> out) throws Exception {
        countIfBetweenTimerSlices(ctx.currentWatermark());
        // A silence, tick or inhibition source change behind the watermark (an idle partition, a
        // lagging producer, a clock that jumped after the whole job was idle) applies from just
        // after it, and that time is archived (LateControls).
        GroupControl control =
                lateControls.applyAt(
                        received,
                        ctx.currentWatermark(),
                        getRuntimeContext().getTaskInfo(),
                        row -> ctx.output(SideOutputs.ARCHIVE, row));
        long watermark = forgettingWatermark(ctx);
        if (control.isInput()) {
            BroadcastState<String, Long> clock = ctx.getBroadcastState(CLOCK);
            Long latest = clock.get(LATEST);
            if (latest == null || control.eventTime() > latest) {
                clock.put(LATEST, control.eventTime());
            }
            recordInputTime(ctx, control.eventTime(), watermark);
        }
        if (control.tick() != null) {
            forgetWhatCanNoLongerMute(ctx, watermark);
            return;
        }
        if (control.silence() != null) {
            Silence silence = control.silence();
            BroadcastState<String, List<Silence>> silences = ctx.getBroadcastState(SILENCES);
            silences.put(
                    silence.id(),
                    MuteRules.record(
                            silences.get(silence.id()),
                            silence,
                            MuteRules.SILENCE_VERSIONS,
                            watermark,
                            Silence::eventTime));
            metrics.counter(MetricName.SILENCES_RECEIVED).inc();
        } else {
            InhibitionSource source = control.source();
            BroadcastState<String, List<InhibitionSource>> sources = ctx.getBroadcastState(SOURCES);
            List<InhibitionSource> history =
                    MuteRules.record(
                            sources.get(source.fingerprint()),
                            source,
                            MuteRules.SOURCE_CHANGES,
                            watermark,
                            InhibitionSource::eventTime);
            if (history.size() == 1
                    && !history.get(0).firingAt(watermark)
                    && history.get(0).eventTime() <= watermark) {
                sources.remove(
                        source.fingerprint()); // resolved and final: it inhibits nothing more
                if (sourceIndex != null) {
                    sourceIndex.remove(source.fingerprint());
                }
            } else {
                sources.put(source.fingerprint(), history);
                if (sourceIndex != null) {
                    sourceIndex.put(source.fingerprint(), history);
                }
            }
        }
    }

    /**
     * On each tick, drops silences that have ended and inhibition sources that have stopped firing
     * before the (settled) watermark: no flush still to come (all at or after it) can see them.
     */
    private void forgetWhatCanNoLongerMute(Context ctx, long watermark) throws Exception {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        BroadcastState<String, List<Silence>> silences = ctx.getBroadcastState(SILENCES);
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, List<Silence>> e : silences.entries()) {
            List<Silence> versions = e.getValue();
            Silence last = versions.get(versions.size() - 1);
            if (last.eventTime() <= watermark && last.endsAt() <= watermark) {
                ended.add(e.getKey());
            }
        }
        for (String id : ended) {
            silences.remove(id);
        }
        BroadcastState<String, List<InhibitionSource>> sources = ctx.getBroadcastState(SOURCES);
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, List<InhibitionSource>> e : sources.entries()) {
            List<InhibitionSource> changes = e.getValue();
            InhibitionSource last = changes.get(changes.size() - 1);
            if (last.eventTime() <= watermark && !last.firingAt(watermark)) {
                quiet.add(e.getKey());
            }
        }
        for (String fingerprint : quiet) {
            sources.remove(fingerprint);
            if (sourceIndex != null) {
                sourceIndex.remove(fingerprint);
            }
        }
    }

    /**
     * Keeps {@code time} as an input time and forgets those no group can still ask about: every
     * timer still to fire is after the (settled) watermark, so of the times at or before it only
     * the latest can answer "what was the last input before t".
     */
    private void recordInputTime(Context ctx, long time, long watermark) throws Exception {
        BroadcastState<Long, Boolean> state = ctx.getBroadcastState(INPUT_TIMES);
        NavigableSet<Long> times = inputTimes(state.immutableEntries());
        if (times.add(time)) {
            state.put(time, Boolean.TRUE);
        }
        Long keep = times.floor(watermark);
        if (keep != null) {
            NavigableSet<Long> old = times.headSet(keep, false);
            for (Long t : old) {
                state.remove(t);
            }
            old.clear();
        }
    }

    private NavigableSet<Long> inputTimes(Iterable<Map.Entry<Long, Boolean>> entries) {
        if (inputTimes == null) {
            inputTimes = new TreeSet<>();
            for (Map.Entry<Long, Boolean> e : entries) {
                inputTimes.add(e.getKey());
            }
        }
        return inputTimes;
    }

    private NavigableSet<Long> inputTimes(ReadOnlyContext ctx) throws Exception {
        return inputTimes(ctx.getBroadcastState(INPUT_TIMES).immutableEntries());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        Group current = group.value();
        if (current != null && current.waitingSince() != 0L) {
            catchUp(current, time, ctx, out);
            return;
        }
        applyPending(time, ctx);
        current = group.value();
        if (current != null && current.nextFlushAt() == time && withinInput(time, ctx)) {
            if (inputWithinCatchUp(current, time, ctx)) {
                flush(current, time, ctx, out);
            } else {
                waitForInput(current, time, ctx);
            }
        }
    }

    private void applyPending(long time, OnTimerContext ctx) throws Exception {
        List<RoutedAlert> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            List<RoutedAlert> sorted = new ArrayList<>(due);
            sorted.sort(ArrivalOrder.ROUTED);
            for (RoutedAlert routed : sorted) {
                apply(routed, ctx);
            }
        }
    }

    /**
     * Whether the input went on until (almost) {@code time}: some input of this group, or some
     * broadcast input, within {@code catch_up_after} before it. Every input up to the watermark,
     * and so up to {@code time}, has arrived when the timer fires, so the answer is the input's.
     */
    private boolean inputWithinCatchUp(Group current, long time, OnTimerContext ctx)
            throws Exception {
        long horizon = time - catchUpAfterMillis;
        if (current.lastAlertAt() >= horizon) {
            return true;
        }
        Long latest = inputTimes(ctx).floor(time);
        return latest != null && latest >= horizon;
    }

    /** The flush due at {@code time} falls in a gap of the input: wait for the input to resume. */
    private void waitForInput(Group current, long time, OnTimerContext ctx) throws Exception {
        metrics.counter(MetricName.FLUSHES_WAITING_FOR_INPUT).inc();
        group.update(current.waitingSince(time));
        checkAgainWhenInputMayHaveResumed(time, ctx);
    }

    /**
     * A waiting group's timer: flush now if this is the first input at or after the due time (an
     * alert of the group, or a broadcast input at this very time); else check again at the first
     * known input time, or, when none up to the watermark is known, just past the watermark.
     */
    private void catchUp(Group current, long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        boolean ownInput = pending.contains(time);
        Long next = firstInputSince(current.waitingSince(), ctx);
        if (ownInput || (next != null && next <= time)) {
            applyPending(time, ctx);
            if (withinInput(time, ctx)) {
                metrics.counter(MetricName.CATCH_UP_FLUSHES).inc();
                Group waiting = group.value();
                flush(waiting.triggeredBy(FlushTrigger.CATCH_UP), time, ctx, out);
            }
            return;
        }
        checkAgainWhenInputMayHaveResumed(current.waitingSince(), ctx);
    }

    private void checkAgainWhenInputMayHaveResumed(long since, OnTimerContext ctx)
            throws Exception {
        Long next = firstInputSince(since, ctx);
        long watermark = ctx.timerService().currentWatermark();
        if (next != null) {
            ctx.timerService().registerEventTimeTimer(next);
        } else if (watermark < Long.MAX_VALUE - 1) {
            ctx.timerService().registerEventTimeTimer(watermark + 1);
        }
        // else the input ended without resuming: nothing is left to flush.
    }

    /**
     * The first broadcast input at or after {@code since}, when it is at or before the watermark
     * (later ones may still be preceded by inputs that have not arrived), else {@code null}.
     */
    private Long firstInputSince(long since, OnTimerContext ctx) throws Exception {
        Long next = inputTimes(ctx).ceiling(since);
        return next != null && next <= ctx.timerService().currentWatermark() ? next : null;
    }

    /**
     * Whether a flush at {@code time} belongs to the input: always while the input goes on; once it
     * has ended (watermark {@code Long.MAX_VALUE}), only up to the input's last event time, or,
     * when that is unknown (no tick, silence or source ever arrived), only flushes already due.
     */
    private boolean withinInput(long time, OnTimerContext ctx) throws Exception {
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            return true;
        }
        long end = endOfInputTime(ctx);
        return end == Long.MIN_VALUE || time <= end;
    }

    private void apply(RoutedAlert routed, OnTimerContext ctx) throws Exception {
        NotifiedAlert notified = routed.alert();
        Member existing = members.get(notified.fingerprint());
        if (routed.isResolved() && existing == null) {
            Group current = group.value();
            if (current != null && current.lastAlertAt() < routed.eventTime()) {
                group.update(current.alertAt(routed.eventTime())); // still input of the group
            }
            return; // nothing to resolve in this group
        }
        Map<String, String> labels = notified.labels();
        members.put(
                notified.fingerprint(),
                new Member(notified, existing != null && existing.notifiedFiring()));
        Group current = group.value();
        if (current == null) {
            MatchedRoute route = routes.route(routed.routeId());
            long firstFlush = routed.eventTime() + route.groupWait().toMillis();
            group.update(
                    new Group(
                            routed.routeId(),
                            routed.groupKey(),
                            RouteTree.groupLabels(route, labels),
                            routed.eventTime(),
                            firstFlush,
                            FlushTrigger.GROUP_WAIT,
                            0L,
                            0L,
                            routed.eventTime(),
                            0L));
            ctx.timerService().registerEventTimeTimer(firstFlush);
            metrics.counter(MetricName.GROUPS_OPENED).inc();
        } else if (current.lastAlertAt() < routed.eventTime()) {
            group.update(current.alertAt(routed.eventTime()));
        }
    }

    private void flush(Group current, long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        MatchedRoute route = routes.route(current.routeId());
        ReadOnlyBroadcastState<String, List<Silence>> silences = ctx.getBroadcastState(SILENCES);
        ReadOnlyBroadcastState<String, List<InhibitionSource>> sources =
                ctx.getBroadcastState(SOURCES);
        if (sourceIndex == null) {
            sourceIndex = InhibitionIndex.of(inhibitRules, sources.immutableEntries());
        }
        InhibitionIndex index = sourceIndex;
        GroupFlushDecision.Mutes mutes =
                new GroupFlushDecision.Mutes() {
                    @Override
                    public Optional<MutedBy> silencedBy(NotifiedAlert a, long t) throws Exception {
                        return muteRules.silencedBy(
                                a.fingerprint(), a.labels(), t, silences.immutableEntries());
                    }

                    @Override
                    public Optional<MutedBy> inhibitedBy(NotifiedAlert a, long t) throws Exception {
                        return muteRules.inhibitedBy(
                                a.fingerprint(), a.labels(), t, index, sources::get);
                    }
                };
        TreeMap<String, Member> before = new TreeMap<>();
        for (Map.Entry<String, Member> e : members.entries()) {
            before.put(e.getKey(), e.getValue());
        }

        GroupFlushDecision.Outcome outcome =
                GroupFlushDecision.decide(current, before, time, route, mutes);

        GroupFlush flush = outcome.flush();
        metrics.counter(MetricName.FLUSHES).inc();
        metrics.counter(MetricName.ALERTS_SILENCED).inc(flush.silenced().size());
        metrics.counter(MetricName.ALERTS_INHIBITED).inc(flush.inhibited().size());
        ctx.output(FLUSHES, flush);
        archiveNewMutes(flush, outcome.key(), ctx);
        Notification notification = outcome.notification();
        if (notification != null) {
            metrics.out();
            metrics.counter(MetricName.NOTIFICATIONS).inc();
            metrics.byReason(MetricName.NOTIFICATIONS_BY_RECEIVER, route.receiver()).inc();
            // Not archived here: the incident stage decides which pages this flush becomes and
            // archives each page it emits.
            out.collect(notification);
        }
        storeMembers(before, outcome.membersAfter());
        reschedule(current, time, flush.flushSequence(), notification != null, route, ctx);
    }

    /**
     * Archives a {@code mute} row for each alert this flush left out that was not already left out
     * by the same silence or inhibit rule at the group's previous flush, and remembers the mutes in
     * {@code mutes}. A long silence therefore costs one row per alert, not one per {@code
     * group_interval}; an alert that is muted again after it paged (or by another rule) gets a new
     * row.
     */
    private void archiveNewMutes(GroupFlush flush, String flushKey, OnTimerContext ctx)
            throws Exception {
        if (flush.silenced().isEmpty() && flush.inhibited().isEmpty() && mutes.isEmpty()) {
            return;
        }
        Map<String, MutedBy> now = new TreeMap<>();
        for (MutedBy m : flush.silenced()) {
            now.put(m.fingerprint(), m);
        }
        for (MutedBy m : flush.inhibited()) {
            now.put(m.fingerprint(), m);
        }
        List<String> lifted = new ArrayList<>();
        for (String fingerprint : mutes.keys()) {
            if (!now.containsKey(fingerprint)) {
                lifted.add(fingerprint);
            }
        }
        for (String fingerprint : lifted) {
            mutes.remove(fingerprint);
        }
        for (MutedBy m : now.values()) {
            if (!m.rule().equals(mutes.get(m.fingerprint()))) {
                mutes.put(m.fingerprint(), m.rule());
                ctx.output(
                        SideOutputs.ARCHIVE,
                        DecisionRows.mute(
                                m, flush.routeId(), flush.groupKey(), flushKey, flush.eventTime()));
            }
        }
    }

    /**
     * Writes only what the flush changed: most flushes of a long-firing group are {@code unchanged}
     * and keep every member as it was (the same instance), so rewriting the whole map each {@code
     * group_interval} was wasted work, and on a serializing state backend, a serialization per
     * member.
     */
    private void storeMembers(Map<String, Member> before, Map<String, Member> after)
            throws Exception {
        if (after.isEmpty()) {
            members.clear(); // also drops the group's (empty) map entry
            mutes.clear();
            return;
        }
        for (Map.Entry<String, Member> e : before.entrySet()) {
            Member kept = after.get(e.getKey());
            if (kept == null) {
                members.remove(e.getKey());
            } else if (kept != e.getValue()) {
                members.put(e.getKey(), kept);
            }
        }
    }

    private void reschedule(
            Group current,
            long time,
            long sequence,
            boolean notified,
            MatchedRoute route,
            OnTimerContext ctx)
            throws Exception {
        if (members.isEmpty()) {
            group.clear();
            metrics.counter(MetricName.GROUPS_CLOSED).inc();
            return;
        }
        long next = time + route.groupInterval().toMillis();
        boolean endOfInput =
                ctx.timerService().currentWatermark() == Long.MAX_VALUE
                        && (endOfInputTime(ctx) == Long.MIN_VALUE || next > endOfInputTime(ctx));
        group.update(
                new Group(
                        current.routeId(),
                        current.groupKey(),
                        current.groupLabels(),
                        current.bornAt(),
                        endOfInput ? Long.MIN_VALUE : next,
                        FlushTrigger.GROUP_INTERVAL,
                        sequence,
                        notified ? time : current.lastNotifiedAt(),
                        current.lastAlertAt(),
                        0L));
        if (!endOfInput) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    private static long endOfInputTime(OnTimerContext ctx) throws Exception {
        Long latest = ctx.getBroadcastState(CLOCK).get(LATEST);
        return latest == null ? Long.MIN_VALUE : latest;
    }
}
