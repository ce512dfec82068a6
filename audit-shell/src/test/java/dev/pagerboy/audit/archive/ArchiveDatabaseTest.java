package dev.pagerboy.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database the shell opens over an archive: it caches Parquet footers between queries (each
 * query binds the views anew), and a file rewritten in place is still read with its new content.
 */
class ArchiveDatabaseTest {

    @TempDir Path dir;

    private Path hourFile() throws Exception {
        Path hour = dir.resolve("date=2026-12-06").resolve("hour=10");
        Files.createDirectories(hour);
        return hour.resolve("part-0.parquet");
    }

    private static void write(Path file, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY (SELECT 2 AS schema_version, 'tick:' || i AS id, 'tick' AS kind,"
                            + " TIMESTAMP '2026-12-06 10:00:00' AS event_time, '' AS key,"
                            + " 'ticks' AS source_topic, 0 AS source_partition,"
                            + " i AS source_offset, 'received' AS outcome, '{}' AS payload_json,"
                            + " CAST('' AS BLOB) AS raw"
                            + " FROM range("
                            + rows
                            + ") t(i)) TO '"
                            + file
                            + "' (FORMAT parquet)");
        }
    }

    private static long count(ArchiveDatabase db) throws Exception {
        try (Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM archive")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void cachesParquetFootersBetweenQueries() throws Exception {
        write(hourFile(), 3);
        try (ArchiveDatabase db = ArchiveDatabase.open(dir);
                Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('parquet_metadata_cache')")) {
            r.next();
            assertThat(r.getBoolean(1)).isTrue();
        }
    }

    @Test
    void readsAFileRewrittenInPlaceWithItsNewContent() throws Exception {
        Path file = hourFile();
        write(file, 3);
        // old enough for DuckDB to keep its footer in the cache
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        try (ArchiveDatabase db = ArchiveDatabase.open(dir)) {
            assertThat(count(db)).isEqualTo(3);
            write(file, 5);
            assertThat(count(db)).isEqualTo(5);
        }
    }
}
