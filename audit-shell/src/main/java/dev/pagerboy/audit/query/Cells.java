package dev.pagerboy.audit.query;

import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * JDBC values from DuckDB as the shell shows and exports them: timestamps with time zone as UTC
 * {@link java.time.Instant}s (the archive's times are UTC, whatever the JVM's zone), BLOBs (the
 * {@code raw} column) as byte arrays, everything else as the driver returns it.
 */
final class Cells {

    private Cells() {}

    static Object get(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        return value;
    }

    /** A value as one line of text for the table: a BLOB shows its size, not its bytes. */
    static Object display(Object value) {
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        return value;
    }
}
