package dev.pagerboy.streaming.archive;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.AlertEnd;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.MutedBy;
import dev.pagerboy.streaming.records.RoutedAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive rows of schema version 2 that record the job's decisions: one {@code decision} row
 * per alert, one {@code notification} row per page, one {@code mute} row per alert a silence or an
 * inhibition kept from a page. They hold what an auditor must see without running replay; every
 * other intermediate result (the parsed alert, a group flush that sent nothing, the handler's
 * persistent state) replay derives from the archived inputs (docs/ARCHIVE.md).
 *
 * <p>Every row id is {@code <kind>:<ref>} with a ref that the same input always gives and no other
 * row of its kind shares: an alert's source reference (dedup's own ends carry their reason in it),
 * a notification's idempotency key, a flush's key plus the muted fingerprint.
 */
public final class DecisionRows {

    private DecisionRows() {}

    /** The {@code decision} row of an alert whose dedup verdict stopped it. */
    public static ArchiveRecord stoppedByDedup(DedupOutcome outcome) {
        Map<String, Object> payload =
                dedupPart(
                        outcome.alert(),
                        outcome.verdict(),
                        outcome.repeatCount(),
                        outcome.previousEventTime(),
                        outcome.lateByMillis(),
                        outcome.endedBy());
        payload.put("routes", outcome.routeIds());
        return row(outcome.alert(), outcome.verdict(), payload);
    }

    /**
     * The {@code decision} row of an alert that passed dedup: its handler result and the groups it
     * went to ({@code routed}, empty when the handler suppressed it).
     */
    public static ArchiveRecord handled(HandledAlert handled, List<RoutedAlert> routed) {
        Map<String, Object> payload =
                dedupPart(
                        handled.alert(),
                        handled.verdict(),
                        handled.repeatCount(),
                        handled.previousEventTime(),
                        handled.lateByMillis(),
                        handled.endedBy());
        payload.put("romRouteId", handled.romRouteId());
        payload.put("romSha256", handled.romSha256());
        payload.put("cycles", handled.cycles());
        payload.put("faultKind", handled.faultKind().text());
        payload.put("faultDetail", handled.faultDetail());
        payload.put("decision", handled.decision());
        List<Map<String, String>> routes = new ArrayList<>(routed.size());
        for (RoutedAlert r : routed) {
            Map<String, String> route = new LinkedHashMap<>();
            route.put("routeId", r.routeId());
            route.put("groupKey", r.groupKey());
            routes.add(route);
        }
        payload.put("routes", routes);
        return row(handled.alert(), handled.verdict(), payload);
    }

    /**
     * The {@code mute} row: the alert {@code muted.fingerprint()} was left out of the flush {@code
     * flushKey} of the group {@code routeId|groupKey} at {@code time}, and what muted it.
     */
    public static ArchiveRecord mute(
            MutedBy muted, String routeId, String groupKey, String flushKey, long time) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("routeId", routeId);
        payload.put("groupKey", groupKey);
        payload.put("flushKey", flushKey);
        if (muted.cause() == MutedBy.Cause.SILENCED) {
            payload.put("silenceId", muted.silenceId());
        } else {
            payload.put("inhibitRule", muted.inhibitRule());
            payload.put("inhibitedBy", muted.inhibitingFingerprint());
        }
        return ArchiveRecord.decision(
                ArchiveKind.MUTE.rowId(flushKey + ":" + muted.fingerprint()),
                ArchiveKind.MUTE,
                time,
                muted.fingerprint(),
                muted.cause().text(),
                payload);
    }

    private static Map<String, Object> dedupPart(
            Alert alert,
            DedupOutcome.Verdict verdict,
            int repeatCount,
            long previousEventTime,
            long lateByMillis,
            AlertEnd endedBy) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sourceRef", alert.sourceRef());
        payload.put("eventId", alert.eventId());
        payload.put("status", alert.status());
        payload.put("verdict", verdict.outcome());
        payload.put("repeatCount", repeatCount);
        payload.put("previousEventTime", previousEventTime);
        if (lateByMillis != 0L) {
            payload.put("lateByMillis", lateByMillis);
        }
        if (endedBy != null) {
            payload.put("reason", endedBy.text());
        }
        return payload;
    }

    /**
     * Keyed by fingerprint, at the decision time (a late alert's is after the watermark it missed),
     * with the dedup verdict as the outcome.
     */
    private static ArchiveRecord row(
            Alert alert, DedupOutcome.Verdict verdict, Map<String, Object> payload) {
        return ArchiveRecord.decision(
                ArchiveKind.DECISION.rowId(alert.sourceRef()),
                ArchiveKind.DECISION,
                alert.eventTime(),
                alert.fingerprint(),
                verdict.outcome(),
                payload);
    }
}
