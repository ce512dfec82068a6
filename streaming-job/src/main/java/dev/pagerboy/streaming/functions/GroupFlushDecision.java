package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.functions.GroupFunction.Group;
import dev.pagerboy.streaming.functions.GroupFunction.Member;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.FlushReason;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.GroupKeyHash;
import dev.pagerboy.streaming.records.MutedBy;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.routing.MatchedRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one flush of a group decides, as Alertmanager's notify pipeline would: which alerts are
 * firing, which ended, which are muted (and by what), whether to notify (the set of firing, unmuted
 * alerts changed since the last notification, some notified alert ended, or {@code repeat_interval}
 * has passed), and which members the group keeps afterwards. Pure: it reads no Flink state, so
 * {@link GroupFunction} only loads, stores and emits.
 */
final class GroupFlushDecision {

    /** Answers whether an alert is muted at a time, and by what. */
    interface Mutes {
        Optional<MutedBy> silencedBy(NotifiedAlert alert, long time) throws Exception;

        Optional<MutedBy> inhibitedBy(NotifiedAlert alert, long time) throws Exception;
    }

    /**
     * @param flush the archived flush
     * @param key the flush's idempotency key (also its notification's, when it notifies)
     * @param notification the page to send, or {@code null}
     * @param membersAfter the members the group keeps, by fingerprint (empty: delete the group)
     */
    record Outcome(
            GroupFlush flush,
            String key,
            Notification notification,
            SortedMap<String, Member> membersAfter) {}

    /**
     * The hashed prefix of recently flushed group keys: a long-firing group flushes every {@code
     * group_interval} with the same key. A pure function of the key, so a cache miss changes
     * nothing but time; bounded, least recently used first out.
     */
    private static final int KEY_PREFIX_CACHE_SIZE = 4096;

    private static final ThreadLocal<Map<String, String>> KEY_PREFIXES =
            ThreadLocal.withInitial(() -> new LruMap<>(KEY_PREFIX_CACHE_SIZE));

    private static final class LruMap<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        LruMap(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }

    private GroupFlushDecision() {}

    static Outcome decide(
            Group group,
            SortedMap<String, Member> members,
            long time,
            MatchedRoute route,
            Mutes mutes)
            throws Exception {
        List<NotifiedAlert> firing = new ArrayList<>();
        List<NotifiedAlert> resolved = new ArrayList<>();
        List<MutedBy> silenced = new ArrayList<>();
        List<MutedBy> inhibited = new ArrayList<>();
        for (Member member : members.values()) {
            NotifiedAlert a = member.alert();
            if (ended(a, time)) {
                if (member.notifiedFiring()) {
                    resolved.add(asResolved(a, time));
                }
                continue;
            }
            Optional<MutedBy> silence = mutes.silencedBy(a, time);
            if (silence.isPresent()) {
                silenced.add(silence.get());
                continue;
            }
            Optional<MutedBy> inhibition = mutes.inhibitedBy(a, time);
            if (inhibition.isPresent()) {
                inhibited.add(inhibition.get());
                continue;
            }
            firing.add(a);
        }

        List<String> firingNow = new ArrayList<>(firing.size());
        for (NotifiedAlert a : firing) {
            firingNow.add(a.fingerprint());
        }
        List<String> firingBefore = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            if (m.notifiedFiring()) {
                firingBefore.add(m.alert().fingerprint());
            }
        }
        boolean changed = !resolved.isEmpty() || !firingNow.equals(firingBefore);
        boolean repeatDue =
                group.lastNotifiedAt() != 0L
                        && time - group.lastNotifiedAt() >= route.repeatInterval().toMillis();
        List<NotifiedAlert> carried = new ArrayList<>(firing);
        carried.addAll(resolved);
        carried.sort(Comparator.comparing(NotifiedAlert::fingerprint));

        FlushReason reason;
        if (carried.isEmpty()) {
            reason =
                    silenced.isEmpty() && inhibited.isEmpty()
                            ? FlushReason.EMPTY
                            : FlushReason.ALL_MUTED;
        } else if (changed) {
            reason = FlushReason.CHANGED;
        } else if (repeatDue) {
            reason = FlushReason.REPEAT_INTERVAL;
        } else {
            reason = FlushReason.UNCHANGED;
        }
        boolean notify = reason.notifies();
        long sequence = group.flushSequence() + 1;
        String key = idempotencyKey(group, sequence);

        GroupFlush flush =
                new GroupFlush(
                        group.routeId(),
                        group.groupKey(),
                        sequence,
                        time,
                        group.nextTrigger(),
                        notify,
                        reason,
                        carried,
                        silenced,
                        inhibited);
        Notification notification =
                notify
                        ? new Notification(
                                key,
                                route.receiver(),
                                group.routeId(),
                                group.groupKey(),
                                sequence,
                                time,
                                firing.isEmpty() ? Alert.RESOLVED : Alert.FIRING,
                                group.groupLabels(),
                                carried,
                                incidentId(group),
                                "",
                                0,
                                0)
                        : null;
        return new Outcome(
                flush, key, notification, membersAfter(members, firingNow, notify, time));
    }

    /**
     * Ended alerts leave the group (told as resolved by this flush, or never told at all); when the
     * flush notified, the others remember whether it told them as firing.
     */
    private static SortedMap<String, Member> membersAfter(
            SortedMap<String, Member> members,
            List<String> firingNow,
            boolean notified,
            long time) {
        Set<String> told = notified ? new HashSet<>(firingNow) : Set.of();
        SortedMap<String, Member> after = new TreeMap<>();
        for (Member member : members.values()) {
            String fingerprint = member.alert().fingerprint();
            if (ended(member.alert(), time)) {
                continue;
            }
            after.put(
                    fingerprint,
                    notified ? new Member(member.alert(), told.contains(fingerprint)) : member);
        }
        return after;
    }

    private static boolean ended(NotifiedAlert a, long time) {
        return Alert.RESOLVED.equals(a.status()) || (a.endsAt() != 0 && a.endsAt() <= time);
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

    /**
     * {@code sha256(routeId|groupKey)[0..16]-bornAt-sequence}: stable across restarts and replays,
     * and distinct for sibling routes whose group keys are equal.
     */
    static String idempotencyKey(Group group, long sequence) {
        return KEY_PREFIXES
                        .get()
                        .computeIfAbsent(group.routeId() + "|" + group.groupKey(), GroupKeyHash::of)
                + "-"
                + group.bornAt()
                + "-"
                + sequence;
    }

    /**
     * {@code sha256(routeId|groupKey)[0..16]-bornAt}: the incident a group's notifications belong
     * to, the idempotency key without its flush sequence.
     */
    static String incidentId(Group group) {
        String key = idempotencyKey(group, 0);
        return key.substring(0, key.lastIndexOf('-'));
    }
}
