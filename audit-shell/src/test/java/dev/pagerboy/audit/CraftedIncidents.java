package dev.pagerboy.audit;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.incidents.IncidentChange;
import dev.pagerboy.streaming.incidents.IncidentStatus;
import dev.pagerboy.streaming.incidents.IncidentUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents with known acknowledgment times, archived as the job archives incident transitions
 * ({@link IncidentUpdate} rows) plus each incident's first page, written by the job's Parquet sink.
 * The times, from each incident's trigger:
 *
 * <pre>
 * incident  route  receiver        acked after  by     note
 * I1        db     oncall          60 s         alice
 * I2        db     oncall          120 s        bob
 * I3        db     oncall          180 s        alice
 * I4        db     oncall          400 s        bob    level 2 paged at 300 s
 * I5        db     oncall          -                   never acknowledged
 * I6        web    pager-critical  30 s         carol
 * </pre>
 *
 * Hand-computed (nearest-rank percentiles): route db: 5 incidents, 4 acked, mean 190 s, p50 120 s,
 * p90 = p99 = 400 s, 3 of 5 acked before escalation; web: 1, 1, 30 s throughout, 1 of 1. Engineer
 * alice: 60 and 180 s (mean 120, p50 60, p90 180); bob: 120 and 400 s (mean 260, p50 120, p90 400).
 * With {@code audit-test.yaml}, oncall and pager-critical are both team {@code ops}.
 */
public final class CraftedIncidents {

    static final long T0 = JobArchive.T0;
    private static Path written;

    private CraftedIncidents() {}

    public static synchronized Path dir() throws Exception {
        if (written == null) {
            Path dir = Files.createTempDirectory("audit-incidents");
            List<ArchiveRecord> rows = new ArrayList<>();
            incident(rows, "I1", "db", "oncall", 0, 60, "alice", -1);
            incident(rows, "I2", "db", "oncall", 10, 120, "bob", -1);
            incident(rows, "I3", "db", "oncall", 20, 180, "alice", -1);
            incident(rows, "I4", "db", "oncall", 30, 400, "bob", 300);
            incident(rows, "I5", "db", "oncall", 40, -1, "", -1);
            incident(rows, "I6", "web", "pager-critical", 50, 30, "carol", -1);
            AnchoredAcks.write(dir, rows);
            written = dir;
        }
        return written;
    }

    /** The id of crafted incident {@code name} (I1 … I6). */
    public static String id(String name) {
        int n = Integer.parseInt(name.substring(1));
        return String.format("%016x-%d", 0xbeef00L + n, T0 + (n - 1) * 600_000L);
    }

    private static void incident(
            List<ArchiveRecord> rows,
            String name,
            String route,
            String receiver,
            int openedMinute,
            int ackedAfterSeconds,
            String by,
            int escalatedAfterSeconds) {
        String id = id(name);
        long opened = T0 + openedMinute * 60_000L;
        long seq = 1;
        rows.add(
                row(
                        update(
                                id,
                                seq++,
                                IncidentChange.TRIGGERED,
                                IncidentStatus.TRIGGERED,
                                opened,
                                route,
                                0,
                                "",
                                opened)));
        rows.add(
                row(
                        update(
                                id,
                                seq++,
                                IncidentChange.ESCALATED,
                                IncidentStatus.TRIGGERED,
                                opened,
                                route,
                                1,
                                "",
                                opened)));
        rows.add(page(id, receiver, route, opened));
        if (escalatedAfterSeconds >= 0) {
            long at = opened + escalatedAfterSeconds * 1000L;
            rows.add(
                    row(
                            update(
                                    id,
                                    seq++,
                                    IncidentChange.ESCALATED,
                                    IncidentStatus.TRIGGERED,
                                    at,
                                    route,
                                    2,
                                    "",
                                    opened)));
        }
        if (ackedAfterSeconds >= 0) {
            long at = opened + ackedAfterSeconds * 1000L;
            rows.add(
                    row(
                            update(
                                    id,
                                    seq++,
                                    IncidentChange.ACKNOWLEDGED,
                                    IncidentStatus.ACKNOWLEDGED,
                                    at,
                                    route,
                                    1,
                                    by,
                                    opened)));
            // a second ack later must not count: time to acknowledge is to the first
            rows.add(
                    row(
                            update(
                                    id,
                                    seq++,
                                    IncidentChange.UNACKNOWLEDGED,
                                    IncidentStatus.TRIGGERED,
                                    at + 1000,
                                    route,
                                    1,
                                    "",
                                    opened)));
            rows.add(
                    row(
                            update(
                                    id,
                                    seq++,
                                    IncidentChange.ACKNOWLEDGED,
                                    IncidentStatus.ACKNOWLEDGED,
                                    at + 9000,
                                    route,
                                    1,
                                    by,
                                    opened)));
        }
    }

    private static IncidentUpdate update(
            String id,
            long seq,
            IncidentChange change,
            IncidentStatus status,
            long at,
            String route,
            int level,
            String engineer,
            long opened) {
        return new IncidentUpdate(
                id,
                seq,
                change,
                status,
                at,
                route,
                "{alertname=\"X\"}",
                "policy",
                level,
                (int) seq,
                engineer,
                opened);
    }

    private static ArchiveRecord row(IncidentUpdate u) {
        return ArchiveRecord.decision(
                ArchiveKind.INCIDENT.rowId(u.ref()),
                ArchiveKind.INCIDENT,
                u.eventTime(),
                u.incidentId(),
                u.change().text(),
                u);
    }

    private static ArchiveRecord page(String id, String receiver, String route, long at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idempotencyKey", id + "/1/");
        payload.put("incidentId", id);
        payload.put("receiver", receiver);
        payload.put("routeId", route);
        payload.put("engineer", "");
        payload.put("level", 1);
        payload.put("status", "firing");
        return ArchiveRecord.decision(
                ArchiveKind.NOTIFICATION.rowId(id + "/1/"),
                ArchiveKind.NOTIFICATION,
                at,
                id + "/1/",
                receiver,
                payload);
    }
}
