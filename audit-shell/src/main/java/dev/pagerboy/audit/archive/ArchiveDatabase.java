package dev.pagerboy.audit.archive;

import dev.pagerboy.audit.AuditException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An in-memory DuckDB database whose views ({@link AuditView}) read one archive's committed Parquet
 * files in place. The views name the committed files explicitly rather than a {@code **}/{@code
 * *.parquet} glob because DuckDB's glob also matches the hidden files a running job is still
 * writing or compacting; {@link #refresh()} re-reads the directory, so a growing archive shows its
 * newly committed files.
 *
 * <p>Every query binds the views anew, and without a cache DuckDB re-reads and re-parses the footer
 * of every file each time: about a sixth of a {@code GROUP BY}'s CPU over an archive of many small
 * files (docs/BENCHMARKS.md, "Audit shell, session 8"). The footer cache is per database, i.e. per
 * open archive, and DuckDB uses a cached footer only for a file last modified more than 10 s before
 * it was cached, so a file rewritten in place (tampered with, say) is read anew.
 */
public final class ArchiveDatabase implements AutoCloseable {

    private final Path dir;
    private final Connection connection;
    private ArchiveFiles files;

    private ArchiveDatabase(Path dir, Connection connection) {
        this.dir = dir;
        this.connection = connection;
    }

    /**
     * Opens the archive in {@code dir}.
     *
     * @throws AuditException if {@code dir} holds no archive
     */
    public static ArchiveDatabase open(Path dir) {
        ArchiveFiles files = ArchiveFiles.scan(dir);
        try {
            ArchiveDatabase db =
                    new ArchiveDatabase(files.dir(), DriverManager.getConnection("jdbc:duckdb:"));
            try (Statement s = db.connection.createStatement()) {
                s.execute("SET parquet_metadata_cache = true");
            }
            db.define(files);
            return db;
        } catch (SQLException e) {
            throw new AuditException("cannot read the archive " + files.dir() + ": " + e, e);
        }
    }

    /** Re-reads the directory; redefines the views if files were committed or removed since. */
    public ArchiveFiles refresh() {
        ArchiveFiles now = ArchiveFiles.scan(dir);
        if (!now.files().equals(files.files())) {
            try {
                define(now);
            } catch (SQLException e) {
                throw new AuditException("cannot read the archive " + dir + ": " + e, e);
            }
        }
        files = now;
        return now;
    }

    private void define(ArchiveFiles now) throws SQLException {
        String list =
                now.files().stream()
                        .map(f -> "'" + f.toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
        try (Statement s = connection.createStatement()) {
            s.execute(
                    "CREATE OR REPLACE VIEW archive AS SELECT * FROM read_parquet("
                            + list
                            + ", hive_partitioning = true)");
            boolean hasVersion1Rows;
            try (ResultSet r = s.executeQuery("SELECT min(schema_version) FROM archive")) {
                hasVersion1Rows = r.next() && r.getInt(1) < 2;
            }
            for (AuditView view : AuditView.values()) {
                if (view != AuditView.ARCHIVE) {
                    s.execute(
                            "CREATE OR REPLACE VIEW "
                                    + view.viewName()
                                    + " AS "
                                    + view.select("archive", hasVersion1Rows));
                }
            }
        }
        files = now;
    }

    /** The archive directory (absolute). */
    public Path dir() {
        return dir;
    }

    /** The committed files as of the last {@link #refresh()}. */
    public ArchiveFiles files() {
        return files;
    }

    /** The connection the views live on; callers create (and close) their own statements. */
    public Connection connection() {
        return connection;
    }

    /** The view names, in {@link AuditView} order. */
    public static List<String> viewNames() {
        return java.util.Arrays.stream(AuditView.values()).map(AuditView::viewName).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database loses nothing
        }
    }
}
