package dev.pagerboy.audit.query;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Runs the auditor's SQL on the open archive's DuckDB: a page of the result for the screen, or the
 * whole result to a CSV or JSON file. A statement DuckDB rejects becomes an {@link AuditException}
 * carrying DuckDB's own message, which names the error and points at its position in the statement
 * ({@code LINE 1: SELEC ...} with a caret).
 */
@Service
public class SqlConsole {

    private final ArchiveSession session;

    public SqlConsole(ArchiveSession session) {
        this.session = session;
    }

    /** Rows {@code (page-1)*pageSize+1 ..} of the result, and how many rows it has in all. */
    public QueryPage page(String sql, int page, int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new AuditException("--page and --page-size must be at least 1");
        }
        long skip = (long) (page - 1) * pageSize;
        try (Statement s = session.database().connection().createStatement();
                ResultSet rs = execute(s, sql)) {
            List<String> columns = columns(rs.getMetaData());
            List<List<Object>> rows = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                if (total >= skip && rows.size() < pageSize) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(Cells.display(Cells.get(rs, c)));
                    }
                    rows.add(row);
                }
                total++;
            }
            return new QueryPage(columns, rows, skip + 1, total);
        } catch (SQLException e) {
            throw new AuditException("reading the result: " + e.getMessage(), e);
        }
    }

    /** Writes the whole result to {@code file}; returns the number of rows written. */
    public long export(String sql, Path file, ExportFormat format) {
        Path target = file.toAbsolutePath();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new AuditException(
                    "no such directory for the output file: " + target.getParent());
        }
        try (Statement s = session.database().connection().createStatement();
                ResultSet rs = execute(s, sql)) {
            return switch (format) {
                case CSV -> writeCsv(rs, target);
                case JSON -> writeJson(rs, target);
            };
        } catch (SQLException e) {
            throw new AuditException("reading the result: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AuditException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static ResultSet execute(Statement s, String sql) {
        try {
            if (s.execute(sql)) {
                return s.getResultSet();
            }
            throw new AuditException(
                    "the statement returned no rows (the sql command runs queries: SELECT,"
                            + " DESCRIBE, SHOW, SUMMARIZE ...)");
        } catch (SQLException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        return columns;
    }

    private static long writeCsv(ResultSet rs, Path file) throws SQLException, IOException {
        List<String> columns = columns(rs.getMetaData());
        long rows = 0;
        try (Writer out =
                new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            csvLine(out, new ArrayList<>(columns));
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    Object v = Cells.get(rs, c);
                    row.add(
                            v instanceof byte[] b
                                    ? java.util.Base64.getEncoder().encodeToString(b)
                                    : v);
                }
                csvLine(out, row);
                rows++;
            }
        }
        return rows;
    }

    private static void csvLine(Writer out, List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = cells.get(i);
            String text = v == null ? "" : v.toString();
            if (text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                out.write('"');
                out.write(text.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(text);
            }
        }
        out.write("\r\n");
    }

    private static long writeJson(ResultSet rs, Path file) throws SQLException, IOException {
        List<String> columns = columns(rs.getMetaData());
        long rows = 0;
        try (OutputStream stream = Files.newOutputStream(file);
                JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            json.writeStartArray();
            while (rs.next()) {
                json.writeStartObject();
                for (int c = 1; c <= columns.size(); c++) {
                    json.writeFieldName(columns.get(c - 1));
                    writeValue(json, Cells.get(rs, c));
                }
                json.writeEndObject();
                rows++;
            }
            json.writeEndArray();
            json.writeRaw('\n');
        }
        return rows;
    }

    private static void writeValue(JsonGenerator json, Object v) throws IOException {
        if (v == null) {
            json.writeNull();
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte) {
            json.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            json.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            json.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            json.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof byte[] b) {
            json.writeBinary(b);
        } else {
            json.writeString(v.toString());
        }
    }
}
