package dev.pagerboy.audit.report;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Alert and page volume from the archive. By hour it counts {@code alert_raw} inputs (alerts as
 * received, duplicates included: what the monitoring systems sent) and {@code notification} rows
 * (pages), grouped by the archive's hour partitions, which are UTC event hours; hours without
 * either are left out. By route it counts pages by the {@code routeId} of the page's payload, the
 * same field in schema versions 1 and 2.
 */
@Service
public class VolumeReport {

    private static final String BY_HOUR =
            "SELECT CAST(date AS VARCHAR) || ' ' || lpad(CAST(hour AS VARCHAR), 2, '0') || ':00',"
                    + " count(*) FILTER (WHERE kind = 'alert_raw'),"
                    + " count(*) FILTER (WHERE kind = 'notification')"
                    + " FROM archive WHERE kind IN ('alert_raw', 'notification')"
                    + " GROUP BY date, hour ORDER BY date, hour";

    private static final String BY_ROUTE =
            "SELECT coalesce(json_extract_string(payload_json, '$.routeId'), '(none)') AS route,"
                    + " -1, count(*) AS pages FROM pages GROUP BY route ORDER BY pages DESC, route";

    private final ArchiveSession session;

    public VolumeReport(ArchiveSession session) {
        this.session = session;
    }

    public List<VolumeBar> volume(VolumeDimension by) {
        String sql =
                switch (by) {
                    case HOUR -> BY_HOUR;
                    case ROUTE -> BY_ROUTE;
                };
        try (Statement s = session.database().connection().createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<VolumeBar> bars = new ArrayList<>();
            while (rs.next()) {
                bars.add(new VolumeBar(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            return bars;
        } catch (SQLException e) {
            throw new AuditException("volume report: " + e.getMessage(), e);
        }
    }
}
