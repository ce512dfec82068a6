package dev.pagerboy.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.archive.ArchiveRowDigest;
import dev.pagerboy.contracts.archive.HourLeaves;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an archive for {@code archive verify}: every row of every committed file with the file it
 * is in, its digest recomputed from its columns, and the {@code archive_root} rows' claims.
 */
final class HourRoots {

    static final long HOUR = HourLeaves.HOUR_MILLIS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARTITION =
            Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})");

    /**
     * What one {@code archive_root} row claims: a generation of an hour, its root and row count,
     * and the leaves under it; {@code problem} says why the row cannot be read, if it cannot.
     */
    record Claim(
            ArchivedRow row,
            long hourStart,
            int generation,
            Bytes32 root,
            long rowCount,
            HourLeaves leaves,
            String problem) {}

    private HourRoots() {}

    /** Every row of the archive's committed files, hour {@code hour} only if it is not null. */
    static List<ArchivedRow> read(ArchiveDatabase db, Long hour) {
        List<Path> files = db.files().files();
        if (hour != null) {
            // rows of hour H, and whatever sits in H's directory whatever its time
            String dir = partitionOf(hour);
            files =
                    files.stream()
                            .filter(f -> f.toString().replace('\\', '/').contains(dir))
                            .toList();
        }
        List<ArchivedRow> rows = new ArrayList<>();
        if (files.isEmpty()) {
            return rows;
        }
        String list =
                files.stream()
                        .map(f -> "'" + f.toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
        try (Statement s = db.connection().createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT schema_version, id, kind, epoch_ms(event_time), key,"
                                        + " source_topic, source_partition, source_offset, outcome,"
                                        + " payload_json, raw, filename FROM read_parquet("
                                        + list
                                        + ", filename = true, hive_partitioning = false)")) {
            while (r.next()) {
                String id = text(r.getString(2));
                String kind = text(r.getString(3));
                long eventTime = r.getLong(4);
                String payload = text(r.getString(10));
                byte[] raw = r.getBytes(11);
                raw = raw == null ? new byte[0] : raw;
                Bytes32 digest =
                        ArchiveRowDigest.of(
                                r.getInt(1),
                                id,
                                kind,
                                eventTime,
                                text(r.getString(5)),
                                text(r.getString(6)),
                                r.getInt(7),
                                r.getLong(8),
                                text(r.getString(9)),
                                payload,
                                raw);
                Path file = Path.of(r.getString(12));
                rows.add(
                        new ArchivedRow(
                                file,
                                hourOfPath(file),
                                id,
                                kind,
                                eventTime,
                                kind.equals(ArchivedRow.ARCHIVE_ROOT) ? payload : "",
                                kind.equals(ArchivedRow.ARCHIVE_ROOT) ? raw : new byte[0],
                                digest));
            }
        } catch (SQLException e) {
            throw new AuditException("cannot read the archive " + db.dir() + ": " + e, e);
        }
        return rows;
    }

    /** The latest hour with an {@code archive_root} row anywhere in the archive, else -1. */
    static long lastSealedHour(ArchiveDatabase db) {
        try (Statement s = db.connection().createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT max(epoch_ms(event_time)) FROM archive"
                                        + " WHERE kind = 'archive_root'")) {
            r.next();
            long last = r.getLong(1);
            return r.wasNull() ? -1 : Math.floorDiv(last, HOUR) * HOUR;
        } catch (SQLException e) {
            throw new AuditException("cannot read the archive " + db.dir() + ": " + e, e);
        }
    }

    /** What an {@code archive_root} row claims. */
    static Claim claim(ArchivedRow row) {
        try {
            JsonNode p = JSON.readTree(row.payloadJson());
            long hourStart = p.path("hourStart").asLong(row.eventTime());
            int generation = p.path("generation").asInt(-1);
            Bytes32 root = Bytes32.fromHex(p.path("root").asText(""));
            long rowCount = p.path("rowCount").asLong(-1);
            HourLeaves leaves = HourLeaves.fromBytes(row.raw());
            return new Claim(row, hourStart, generation, root, rowCount, leaves, null);
        } catch (IOException | RuntimeException e) {
            return new Claim(
                    row, row.hour(), -1, null, -1, null, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** {@code date=2026-12-01/hour=10} for the hour starting at {@code hour}. */
    static String partitionOf(long hour) {
        java.time.LocalDateTime t =
                java.time.LocalDateTime.ofEpochSecond(hour / 1000, 0, ZoneOffset.UTC);
        return String.format("date=%s/hour=%02d", t.toLocalDate(), t.getHour());
    }

    private static long hourOfPath(Path file) {
        Matcher m = PARTITION.matcher(file.toString().replace('\\', '/'));
        if (!m.find()) {
            return -1;
        }
        return LocalDate.parse(m.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                + Integer.parseInt(m.group(2)) * HOUR;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
