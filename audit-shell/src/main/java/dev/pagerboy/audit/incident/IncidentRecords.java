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
 * The incidents of the archive, one {@link IncidentFacts} each, from their {@code incident} rows
 * (triggered, escalated, acknowledged, … ) and their first page. An incident whose {@code
 * triggered} row is older than the archive is left out: its time to acknowledge is unknown.
 */
@Service
public class IncidentRecords {

    private static final String MS = "CAST(round(epoch(event_time) * 1000) AS BIGINT)";

    private static final String FACTS =
            "WITH t AS (SELECT key AS incident, "
                    + MS
                    + " AS t_ms, outcome,"
                    + "   json_extract_string(payload_json, '$.routeId') AS route,"
                    + "   json_extract_string(payload_json, '$.engineer') AS engineer,"
                    + "   TRY_CAST(json_extract_string(payload_json, '$.level') AS INTEGER) AS level,"
                    + "   TRY_CAST(json_extract_string(payload_json, '$.sequence') AS BIGINT) AS seq"
                    + "   FROM archive WHERE kind = 'incident'),"
                    + " f AS (SELECT incident,"
                    + "   min(t_ms) FILTER (WHERE outcome = 'triggered') AS opened,"
                    + "   min(t_ms) FILTER (WHERE outcome = 'acknowledged') AS acked,"
                    + "   arg_min(engineer, t_ms) FILTER (WHERE outcome = 'acknowledged') AS acked_by,"
                    + "   min(t_ms) FILTER (WHERE outcome = 'escalated' AND level >= 2) AS escalated,"
                    + "   arg_max(outcome, seq) AS last_change,"
                    + "   any_value(route) AS route"
                    + "   FROM t GROUP BY incident),"
                    + " p AS (SELECT json_extract_string(payload_json, '$.incidentId') AS incident,"
                    + "   arg_min(outcome, event_time) AS receiver FROM archive"
                    + "   WHERE kind = 'notification' GROUP BY 1)"
                    + " SELECT f.incident, coalesce(f.route, ''), coalesce(p.receiver, ''), f.opened,"
                    + "   coalesce(f.acked, -1), coalesce(f.acked_by, ''), f.last_change,"
                    + "   coalesce(f.escalated, -1)"
                    + " FROM f LEFT JOIN p ON p.incident = f.incident"
                    + " WHERE f.opened IS NOT NULL AND f.opened >= $1 ORDER BY f.opened, f.incident";

    private final ArchiveSession session;

    public IncidentRecords(ArchiveSession session) {
        this.session = session;
    }

    /** Every incident triggered at or after {@code sinceMillis}, oldest first. */
    public List<IncidentFacts> since(long sinceMillis) {
        List<IncidentFacts> out = new ArrayList<>();
        try (PreparedStatement s = session.database().connection().prepareStatement(FACTS)) {
            s.setLong(1, sinceMillis);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(
                            new IncidentFacts(
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getLong(4),
                                    r.getLong(5),
                                    r.getString(6),
                                    status(r.getString(7)),
                                    r.getLong(8)));
                }
            }
        } catch (SQLException e) {
            throw new AuditException("reading the incidents: " + e.getMessage(), e);
        }
        return out;
    }

    /** The status a transition leaves an incident in. */
    private static String status(String change) {
        return switch (change) {
            case "acknowledged" -> "acknowledged";
            case "resolved" -> "resolved";
            default -> "triggered"; // triggered, escalated, unacknowledged, exhausted
        };
    }
}
