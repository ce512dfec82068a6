package dev.pagerboy.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Edits a copied archive the way a tamperer would: rewrites the Parquet file that holds a row, with
 * DuckDB, keeping every other row and the file's name and place.
 */
public final class Tamper {

    private Tamper() {}

    /** The committed Parquet file under {@code archive} that holds row {@code id}. */
    public static Path fileOf(Path archive, String id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (Path file : files(archive)) {
                try (ResultSet r =
                        s.executeQuery(
                                "SELECT count(*) FROM read_parquet('"
                                        + file
                                        + "') WHERE id = '"
                                        + id.replace("'", "''")
                                        + "'")) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return file;
                    }
                }
            }
        }
        throw new AssertionError("no file of " + archive + " holds row " + id);
    }

    /**
     * Replaces the file holding row {@code id} by {@code select}, a query over {@code f} (the
     * file's rows), e.g. {@code SELECT * FROM f WHERE id <> 'x'}.
     */
    public static Path rewrite(Path archive, String id, String select) throws Exception {
        Path file = fileOf(archive, id);
        Path tmp = file.resolveSibling("tampered.tmp");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE f AS SELECT * FROM read_parquet('" + file + "')");
            s.execute("COPY (" + select + ") TO '" + tmp + "' (FORMAT parquet)");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    public static List<Path> files(Path archive) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(archive)) {
            walk.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }
}
