package dev.pagerboy.streaming.records;

import java.util.List;
import java.util.Map;

/**
 * A page to send: one per group flush that notifies. The {@link #idempotencyKey} is stable across
 * restarts and replays (group key, when the group was born, and the group's flush sequence), so a
 * dispatcher that retries after a crash, or a replay that recomputes history, produces the same key
 * and the receiver recognises the repeat.
 *
 * @param idempotencyKey {@code hex(sha256(routeId|groupKey)[0..8])-groupBornAt-flushSequence},
 *     where groupBornAt is the event time of the alert that created the group (a group key can be
 *     reborn after its group emptied, and must not reuse an old key)
 * @param receiver the receiver's name in {@code pagerboy.yaml}
 * @param routeId the route
 * @param groupKey the group key within the route
 * @param flushSequence the group's flush sequence (1, 2, …)
 * @param eventTime event time of the flush
 * @param status {@code firing} when any carried alert fires, else {@code resolved}
 * @param groupLabels the {@code group_by} labels and their values
 * @param alerts the alerts, sorted by fingerprint
 */
public record Notification(
        String idempotencyKey,
        String receiver,
        String routeId,
        String groupKey,
        long flushSequence,
        long eventTime,
        String status,
        Map<String, String> groupLabels,
        List<NotifiedAlert> alerts) {}
