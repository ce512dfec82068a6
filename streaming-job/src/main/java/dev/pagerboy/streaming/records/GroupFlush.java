package dev.pagerboy.streaming.records;

import java.util.List;

/**
 * One flush of an Alertmanager-style group (after {@code group_wait}, {@code group_interval} or
 * {@code repeat_interval}): which alerts were due, which were muted and why, and whether a
 * notification went out. Not archived as such: its notification and its newly muted alerts are
 * (docs/ARCHIVE.md); replay derives the flush itself.
 *
 * @param routeId the route
 * @param groupKey the group key within the route
 * @param flushSequence 1 for the group's first flush, then +1 per flush (notifying or not)
 * @param eventTime the event time of the flush (the timer's time)
 * @param trigger what armed the flush: {@code group_wait} (the first), {@code group_interval}, or
 *     {@code catch_up} (due during a gap in the input, made when it resumed)
 * @param notified whether this flush produced a notification
 * @param reason why it notified ({@code changed}, {@code repeat_interval}) or did not ({@code
 *     unchanged}, {@code all_muted}, {@code empty}); {@link FlushReason#notifies()}
 * @param alerts the alerts the notification carries (firing and newly resolved, not muted)
 * @param silenced alerts muted by a silence, with the silence's id
 * @param inhibited alerts muted by an inhibit rule, with the rule's index
 */
public record GroupFlush(
        String routeId,
        String groupKey,
        long flushSequence,
        long eventTime,
        FlushTrigger trigger,
        boolean notified,
        FlushReason reason,
        List<NotifiedAlert> alerts,
        List<MutedBy> silenced,
        List<MutedBy> inhibited) {}
