package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/**
 * Alertmanager's aggregation groups on event time, keyed by group key (route + {@code group_by}
 * values). A group is born with its first firing alert and flushes {@code group_wait} later, then
 * every {@code group_interval} while it has alerts. A flush notifies when the set of firing,
 * unmuted alerts changed since the last notification (or some were resolved), or when {@code
 * repeat_interval} has passed since it; otherwise it is archived as {@code unchanged}. A group
 * whose alerts are all resolved and notified is deleted.
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
 * is {@code sha256(groupKey)[0..16]-groupBornAt-flushSequence}: the same inputs give the same keys.
 *
 * <p><b>End of input.</b> When the watermark jumps to {@code Long.MAX_VALUE} (a bounded replay or
 * test has ended), every armed timer fires at once, as if time ran on forever; the {@code
 * group_interval} ticker would then never stop. So at that point a group re-arms only while it
 * still has buffered alerts, or while the next flush is within the input's time (the latest clock
 * tick or silence/source change on the broadcast input, {@link #CLOCK}). The flushes a group makes
 * are then exactly those up to the end of the input's time, however the watermark got there (in
 * small steps or in one jump), so a replay of a stretch makes the same flushes as the live job did.
 *
 * <p>Keyed state: {@code pending} (event time → routed alerts), {@code members} (fingerprint →
 * {@link Member}), {@code group} ({@link Group}). Timers: one per pending event time, plus the next
 * flush. Broadcast state: {@link #SILENCES}, {@link #SOURCES}, {@link #CLOCK}.
 */
public class GroupFunction
        extends KeyedBroadcastProcessFunction<String, RoutedAlert, GroupControl, Notification> {

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

    /** A group's life: when it was born, its next flush, and its last notification. */
    public record Group(
            String routeId,
            String groupKey,
            Map<String, String> groupLabels,
            long bornAt,
            long nextFlushAt,
            String nextTrigger,
            long flushSequence,
            long lastNotifiedAt) {}

    /** An alert in a group, and whether the last notification told it as firing. */
    public record Member(NotifiedAlert alert, boolean notifiedFiring) {}

    private static final String GROUP_WAIT = "group_wait";
    private static final String GROUP_INTERVAL = "group_interval";

    private final RouteTree routes;
    private final List<Silence> staticSilences;
    private final List<InhibitRule> inhibitRules;

    private transient MapState<Long, List<RoutedAlert>> pending;
    private transient MapState<String, Member> members;
    private transient ValueState<Group> group;
    private transient MuteRules muteRules;
    private transient StageMetrics metrics;

    public GroupFunction(
            RouteTree routes, List<Silence> staticSilences, List<InhibitRule> inhibitRules) {
        this.routes = routes;
        this.staticSilences = List.copyOf(staticSilences);
        this.inhibitRules = List.copyOf(inhibitRules);
    }

    @Override
    public void open(OpenContext openContext) {
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
        muteRules = new MuteRules(staticSilences, inhibitRules);
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), "group");
        metrics.register("notifications", "flushes", "alertsSilenced", "alertsInhibited");
    }

    @Override
    public void processElement(RoutedAlert routed, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        metrics.in();
        long time = routed.handled().alert().eventTime();
        List<RoutedAlert> waiting = pending.get(time);
        List<RoutedAlert> updated = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
        updated.add(routed);
        pending.put(time, updated);
        ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void processBroadcastElement(
            GroupControl control, Context ctx, Collector<Notification> out) throws Exception {
        long watermark = ctx.currentWatermark();
        BroadcastState<String, Long> clock = ctx.getBroadcastState(CLOCK);
        Long latest = clock.get(LATEST);
        if (latest == null || control.eventTime() > latest) {
            clock.put(LATEST, control.eventTime());
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
            metrics.counter("silencesReceived").inc();
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
            } else {
                sources.put(source.fingerprint(), history);
            }
        }
    }

    /**
     * On each tick, drops silences that have ended and inhibition sources that have stopped firing
     * before the watermark: no flush still to come (all at or after the watermark) can see them.
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
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        List<RoutedAlert> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            List<RoutedAlert> sorted = new ArrayList<>(due);
            sorted.sort(
                    Comparator.comparing(
                            (RoutedAlert r) -> r.handled().alert(), ArrivalOrder.ALERTS));
            for (RoutedAlert routed : sorted) {
                apply(routed, ctx);
            }
        }
        Group current = group.value();
        if (current != null && current.nextFlushAt() == time) {
            flush(current, time, ctx, out);
        }
    }

    private void apply(RoutedAlert routed, OnTimerContext ctx) throws Exception {
        HandledAlert handled = routed.handled();
        Alert alert = handled.alert();
        Member existing = members.get(alert.fingerprint());
        if (alert.isResolved() && existing == null) {
            return; // nothing to resolve in this group
        }
        Map<String, String> labels = handled.effectiveLabels();
        NotifiedAlert notified =
                new NotifiedAlert(
                        alert.fingerprint(),
                        alert.status(),
                        handled.decision().severity(),
                        handled.decision().summary(),
                        handled.decision().escalationPolicyId(),
                        labels,
                        alert.startsAt(),
                        alert.endsAt());
        members.put(
                alert.fingerprint(),
                new Member(notified, existing != null && existing.notifiedFiring()));
        if (group.value() == null) {
            MatchedRoute route = routes.route(routed.routeId());
            long firstFlush = alert.eventTime() + route.groupWait().toMillis();
            group.update(
                    new Group(
                            routed.routeId(),
                            routed.groupKey(),
                            RouteTree.groupLabels(route, labels),
                            alert.eventTime(),
                            firstFlush,
                            GROUP_WAIT,
                            0L,
                            0L));
            ctx.timerService().registerEventTimeTimer(firstFlush);
        }
    }

    private void flush(Group current, long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        MatchedRoute route = routes.route(current.routeId());
        ReadOnlyBroadcastState<String, List<Silence>> silences = ctx.getBroadcastState(SILENCES);
        ReadOnlyBroadcastState<String, List<InhibitionSource>> sources =
                ctx.getBroadcastState(SOURCES);

        TreeMap<String, Member> sorted = new TreeMap<>();
        for (Map.Entry<String, Member> e : members.entries()) {
            sorted.put(e.getKey(), e.getValue());
        }
        List<NotifiedAlert> firing = new ArrayList<>();
        List<NotifiedAlert> resolved = new ArrayList<>();
        List<String> silenced = new ArrayList<>();
        List<String> inhibited = new ArrayList<>();
        for (Member member : sorted.values()) {
            NotifiedAlert a = member.alert();
            if (ended(a, time)) {
                if (member.notifiedFiring()) {
                    resolved.add(asResolved(a, time));
                }
                continue;
            }
            String silence = muteRules.silencedBy(a.labels(), time, silences.immutableEntries());
            if (silence != null) {
                silenced.add(a.fingerprint() + "=" + silence);
                continue;
            }
            int rule =
                    muteRules.inhibitedBy(
                            a.fingerprint(), a.labels(), time, sources.immutableEntries());
            if (rule >= 0) {
                inhibited.add(a.fingerprint() + "=" + rule);
                continue;
            }
            firing.add(a);
        }

        boolean changed =
                !resolved.isEmpty()
                        || !firing.stream()
                                .map(NotifiedAlert::fingerprint)
                                .toList()
                                .equals(
                                        sorted.values().stream()
                                                .filter(Member::notifiedFiring)
                                                .map(m -> m.alert().fingerprint())
                                                .toList());
        boolean repeatDue =
                current.lastNotifiedAt() != 0L
                        && time - current.lastNotifiedAt() >= route.repeatInterval().toMillis();
        List<NotifiedAlert> carried = new ArrayList<>(firing);
        carried.addAll(resolved);
        carried.sort(Comparator.comparing(NotifiedAlert::fingerprint));

        String reason;
        if (carried.isEmpty()) {
            reason = silenced.isEmpty() && inhibited.isEmpty() ? "empty" : "all_muted";
        } else if (changed) {
            reason = "changed";
        } else if (repeatDue) {
            reason = "repeat_interval";
        } else {
            reason = "unchanged";
        }
        boolean notify = reason.equals("changed") || reason.equals("repeat_interval");
        long sequence = current.flushSequence() + 1;
        GroupFlush flush =
                new GroupFlush(
                        current.routeId(),
                        current.groupKey(),
                        sequence,
                        time,
                        current.nextTrigger(),
                        notify,
                        reason,
                        carried,
                        silenced,
                        inhibited);
        metrics.counter("flushes").inc();
        metrics.counter("alertsSilenced").inc(silenced.size());
        metrics.counter("alertsInhibited").inc(inhibited.size());
        ctx.output(
                SideOutputs.ARCHIVE,
                ArchiveRecord.decision(
                        ArchiveRecord.KIND_FLUSH + ":" + idempotencyKey(current, sequence),
                        ArchiveRecord.KIND_FLUSH,
                        time,
                        current.groupKey(),
                        reason,
                        flush));
        if (notify) {
            Notification notification =
                    new Notification(
                            idempotencyKey(current, sequence),
                            route.receiver(),
                            current.routeId(),
                            current.groupKey(),
                            sequence,
                            time,
                            firing.isEmpty() ? Alert.RESOLVED : Alert.FIRING,
                            current.groupLabels(),
                            carried);
            metrics.out();
            metrics.counter("notifications").inc();
            metrics.byReason("notificationsByReceiver", route.receiver()).inc();
            ctx.output(
                    SideOutputs.ARCHIVE,
                    ArchiveRecord.decision(
                            ArchiveRecord.KIND_NOTIFICATION + ":" + notification.idempotencyKey(),
                            ArchiveRecord.KIND_NOTIFICATION,
                            time,
                            current.groupKey(),
                            route.receiver(),
                            notification));
            out.collect(notification);
        }
        settle(sorted, firing, notify, time);
        reschedule(current, time, sequence, notify, route, ctx);
    }

    /**
     * After a flush: forget ended alerts, remember which alerts the notification told as firing.
     */
    private void settle(
            TreeMap<String, Member> sorted, List<NotifiedAlert> firing, boolean notified, long time)
            throws Exception {
        List<String> firingNow = firing.stream().map(NotifiedAlert::fingerprint).toList();
        for (Member member : sorted.values()) {
            String fingerprint = member.alert().fingerprint();
            if (ended(member.alert(), time)) {
                // Told as resolved by this flush, or never told at all: either way, done.
                members.remove(fingerprint);
            } else if (notified) {
                members.put(
                        fingerprint, new Member(member.alert(), firingNow.contains(fingerprint)));
            }
        }
    }

    private static boolean ended(NotifiedAlert a, long time) {
        return Alert.RESOLVED.equals(a.status()) || (a.endsAt() != 0 && a.endsAt() <= time);
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
            metrics.counter("groupsClosed").inc();
            return;
        }
        long next = time + route.groupInterval().toMillis();
        boolean endOfInput =
                ctx.timerService().currentWatermark() == Long.MAX_VALUE
                        && pending.isEmpty()
                        && next > endOfInputTime(ctx);
        group.update(
                new Group(
                        current.routeId(),
                        current.groupKey(),
                        current.groupLabels(),
                        current.bornAt(),
                        endOfInput ? Long.MIN_VALUE : next,
                        GROUP_INTERVAL,
                        sequence,
                        notified ? time : current.lastNotifiedAt()));
        if (!endOfInput) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    private static long endOfInputTime(OnTimerContext ctx) throws Exception {
        Long latest = ctx.getBroadcastState(CLOCK).get(LATEST);
        return latest == null ? Long.MIN_VALUE : latest;
    }

    private static NotifiedAlert asResolved(NotifiedAlert a, long time) {
        return new NotifiedAlert(
                a.fingerprint(),
                Alert.RESOLVED,
                a.severity(),
                a.summary(),
                a.escalationPolicyId(),
                a.labels(),
                a.startsAt(),
                a.endsAt() != 0 ? a.endsAt() : time);
    }

    static String idempotencyKey(Group group, long sequence) {
        return sha256Prefix(group.groupKey()) + "-" + group.bornAt() + "-" + sequence;
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
