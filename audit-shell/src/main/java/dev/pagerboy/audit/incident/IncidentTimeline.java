package dev.pagerboy.audit.incident;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * {@code incident show ID}: every archived row about one incident, in event-time order — its
 * transitions ({@code incident} rows), the pages sent for it, the acks it received with their
 * verdicts, the anchoring of accepted acks, and the dispatchers' delivery receipts. Read from the
 * archive alone, so it is what the job recorded, not what a replay would do.
 */
@Service
public class IncidentTimeline {

    /**
     * One query per incident: each kind's row turned into a sentence by DuckDB's JSON functions.
     * The order within one millisecond follows the pipeline: transition, page, ack, anchoring.
     */
    private static final String TIMELINE =
            "SELECT CAST(round(epoch(event_time) * 1000) AS BIGINT), kind, what, id FROM ("
                    + " SELECT event_time, kind, id, 0 AS stage, outcome"
                    + "   || CASE WHEN outcome = 'escalated' THEN ' to level '"
                    + "        || json_extract_string(payload_json, '$.level') ELSE '' END"
                    + "   || CASE WHEN coalesce(json_extract_string(payload_json, '$.engineer'), '')"
                    + "        <> '' AND outcome IN ('acknowledged', 'resolved')"
                    + "        THEN ' by ' || json_extract_string(payload_json, '$.engineer') ELSE '' END"
                    + "   || CASE WHEN outcome = 'triggered' THEN ' on route '"
                    + "        || json_extract_string(payload_json, '$.routeId')"
                    + "        || ', group ' || json_extract_string(payload_json, '$.groupKey')"
                    + "        ELSE '' END AS what"
                    + " FROM archive WHERE kind = 'incident' AND key = $1"
                    + " UNION ALL"
                    + " SELECT event_time, kind, id, 1, 'page to ' || outcome"
                    + "   || CASE WHEN coalesce(json_extract_string(payload_json, '$.engineer'), '')"
                    + "        <> '' THEN ' for ' || json_extract_string(payload_json, '$.engineer')"
                    + "        ELSE '' END"
                    + "   || ' (level ' || coalesce(json_extract_string(payload_json, '$.level'), '0')"
                    + "   || ', ' || coalesce(json_extract_string(payload_json, '$.status'), '') || ')'"
                    + " FROM archive WHERE kind = 'notification'"
                    + "   AND json_extract_string(payload_json, '$.incidentId') = $1"
                    + " UNION ALL"
                    + " SELECT event_time, kind, id, 2,"
                    + "   coalesce(json_extract_string(payload_json, '$.action'), 'ack') || ' by '"
                    + "   || coalesce(json_extract_string(payload_json, '$.engineerName'), '?')"
                    + "   || ' (' || coalesce(json_extract_string(payload_json, '$.engineer'), '')"
                    + "   || '): ' || outcome"
                    + "   || CASE WHEN coalesce(json_extract_string(payload_json, '$.detail'), '')"
                    + "        <> '' THEN ', ' || json_extract_string(payload_json, '$.detail')"
                    + "        ELSE '' END"
                    + " FROM archive WHERE kind = 'ack' AND key = $1"
                    + " UNION ALL"
                    + " SELECT event_time, kind, id, 3, 'ack anchored in block '"
                    + "   || json_extract_string(payload_json, '$.blockNumber') || ', batch '"
                    + "   || json_extract_string(payload_json, '$.batchId')"
                    + " FROM archive WHERE kind = 'ack_receipt' AND key = $1"
                    + " UNION ALL"
                    + " SELECT event_time, kind, id, 4, 'delivery to '"
                    + "   || coalesce(json_extract_string(CAST(raw AS VARCHAR), '$.receiver'), '?')"
                    + "   || ': ' || coalesce(json_extract_string(CAST(raw AS VARCHAR), '$.outcome'), '?')"
                    + " FROM archive WHERE kind = 'receipt_raw'"
                    + "   AND json_valid(CAST(raw AS VARCHAR))"
                    + "   AND json_extract_string(CAST(raw AS VARCHAR), '$.incidentId') = $1"
                    + ") ORDER BY event_time, stage, id";

    private final ArchiveSession session;

    public IncidentTimeline(ArchiveSession session) {
        this.session = session;
    }

    /**
     * The timeline of {@code incidentId}.
     *
     * @throws AuditException if the archive holds nothing about it
     */
    public List<TimelineEntry> of(String incidentId) {
        List<TimelineEntry> entries = new ArrayList<>();
        try (PreparedStatement s = session.database().connection().prepareStatement(TIMELINE)) {
            s.setString(1, incidentId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(
                            new TimelineEntry(
                                    r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new AuditException("incident " + incidentId + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new AuditException(
                    "no incident "
                            + incidentId
                            + " in the archive (incident list shows the incidents; ids look like"
                            + " 9f86d081884c7d65-1764583200000)");
        }
        return entries;
    }
}
