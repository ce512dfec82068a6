package dev.pagerboy.audit.archive;

import dev.pagerboy.audit.AuditException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code archive info} shows: the stretch of event time the archive covers, its rows by kind,
 * the schema version(s) its rows were written with, and its committed files and their size on disk.
 *
 * @param first the earliest event time, or {@code null} for an archive without rows
 * @param last the latest event time, or {@code null}
 */
public record ArchiveSummary(
        Path dir,
        int files,
        long bytes,
        long rows,
        Instant first,
        Instant last,
        Map<String, Long> rowsByKind,
        List<Integer> schemaVersions) {

    /** Reads the summary of {@code db}'s archive (three small aggregate queries). */
    public static ArchiveSummary of(ArchiveDatabase db) {
        ArchiveFiles files = db.files();
        try (Statement s = db.connection().createStatement()) {
            long rows;
            Instant first = null;
            Instant last = null;
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*), epoch_ms(min(event_time)), epoch_ms(max(event_time))"
                                    + " FROM archive")) {
                r.next();
                rows = r.getLong(1);
                if (rows > 0) {
                    first = Instant.ofEpochMilli(r.getLong(2));
                    last = Instant.ofEpochMilli(r.getLong(3));
                }
            }
            Map<String, Long> byKind = new LinkedHashMap<>();
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT kind, count(*) FROM archive GROUP BY kind ORDER BY kind")) {
                while (r.next()) {
                    byKind.put(r.getString(1), r.getLong(2));
                }
            }
            List<Integer> versions = new ArrayList<>();
            try (ResultSet r =
                    s.executeQuery("SELECT DISTINCT schema_version FROM archive ORDER BY 1")) {
                while (r.next()) {
                    versions.add(r.getInt(1));
                }
            }
            return new ArchiveSummary(
                    files.dir(),
                    files.files().size(),
                    files.bytes(),
                    rows,
                    first,
                    last,
                    byKind,
                    versions);
        } catch (SQLException e) {
            throw new AuditException("cannot summarise the archive " + db.dir() + ": " + e, e);
        }
    }
}
