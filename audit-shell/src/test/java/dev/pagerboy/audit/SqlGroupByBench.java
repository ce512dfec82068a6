package dev.pagerboy.audit;

import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.query.QueryPage;
import dev.pagerboy.audit.query.SqlConsole;
import dev.pagerboy.audit.report.VolumeDimension;
import dev.pagerboy.audit.report.VolumeReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * How long the audit shell's {@code sql} takes for a {@code GROUP BY} over a 10 M-row archive
 * (issue 18 asks for ≤ 2 s). The archive is generated with DuckDB's {@code COPY ... TO} in the
 * archive's schema and hive layout (date/hour partitions, Snappy), 40 % {@code alert_raw}, spread
 * over 30 days: the job would take far too long to write 10 M rows for a benchmark, and the shell
 * reads only the files. Each query runs through the same {@link SqlConsole} the {@code sql} command
 * uses, a warm-up and then five timed runs; the median and the fastest are printed.
 *
 * <pre>
 * java -cp audit-shell/target/test-classes:audit-shell/target/classes:$(cat audit-shell/target/classpath.txt) \
 *     dev.pagerboy.audit.SqlGroupByBench [ROWS] [DIR]
 * </pre>
 */
public final class SqlGroupByBench {

    private static final int RUNS = 5;

    private SqlGroupByBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("audit-bench");
        if (!Files.exists(dir.resolve("generated"))) {
            long started = System.nanoTime();
            generate(dir, rows);
            Files.writeString(dir.resolve("generated"), Long.toString(rows));
            System.out.printf(
                    Locale.ROOT,
                    "generated %,d rows in %s in %.1f s%n",
                    rows,
                    dir,
                    (System.nanoTime() - started) / 1e9);
        }
        ArchiveSession session =
                new ArchiveSession(new AuditSettings(dir, null, null, null, false));
        long opened = System.nanoTime();
        ArchiveDatabase db = session.database();
        System.out.printf(
                Locale.ROOT,
                "opened %d files (%,d bytes) in %.0f ms%n",
                db.files().files().size(),
                db.files().bytes(),
                (System.nanoTime() - opened) / 1e6);
        SqlConsole sql = new SqlConsole(session);
        VolumeReport volume = new VolumeReport(session);
        time(
                "sql: SELECT kind, count(*) FROM archive GROUP BY kind",
                () -> rowsOf(sql.page("SELECT kind, count(*) FROM archive GROUP BY kind", 1, 40)));
        time(
                "sql: SELECT hour, count(*) FROM alerts GROUP BY hour",
                () -> rowsOf(sql.page("SELECT hour, count(*) FROM alerts GROUP BY hour", 1, 40)));
        time(
                "sql: SELECT key, count(*) FROM decisions GROUP BY key (5,000 groups)",
                () -> rowsOf(sql.page("SELECT key, count(*) FROM decisions GROUP BY key", 1, 40)));
        time("report volume --by hour", () -> volume.volume(VolumeDimension.HOUR).size());
        time(
                "report volume --by route (JSON field of each page)",
                () -> volume.volume(VolumeDimension.ROUTE).size());
        session.close();
    }

    private static int rowsOf(QueryPage page) {
        return (int) page.total();
    }

    private static void time(String what, Supplier<Integer> query) {
        int resultRows = query.get(); // warm-up: file metadata, DuckDB's caches
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            query.get();
            seconds.add((System.nanoTime() - started) / 1e9);
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%-70s median %.3f s, fastest %.3f s (%d result rows; runs %s)%n",
                what,
                sorted[RUNS / 2],
                sorted[0],
                resultRows,
                Arrays.toString(
                        Arrays.stream(sorted).map(s -> Math.round(s * 1000) / 1000.0).toArray()));
    }

    private static void generate(Path dir, long rows) throws Exception {
        String sql =
                "COPY (SELECT 2 AS schema_version,"
                        + " kind || ':' || i AS id, kind,"
                        + " to_timestamp(1764547200 + i * (30 * 86400.0 / "
                        + rows
                        + ")) AS event_time,"
                        + " md5(CAST(i % 5000 AS VARCHAR)) AS key,"
                        + " CASE WHEN kind = 'alert_raw' THEN 'alerts' ELSE '' END AS source_topic,"
                        + " CAST(i % 2 AS INTEGER) AS source_partition, i AS source_offset,"
                        + " CASE WHEN kind = 'notification' THEN 'oncall' ELSE 'received' END AS outcome,"
                        + " '{\"routeId\":\"route-' || (i % 7) || '\",\"n\":' || i || '}' AS payload_json,"
                        + " CAST('' AS BLOB) AS raw,"
                        + " strftime(to_timestamp(1764547200 + i * (30 * 86400.0 / "
                        + rows
                        + ")), '%Y-%m-%d') AS date,"
                        + " lpad(CAST(hour(to_timestamp(1764547200 + i * (30 * 86400.0 / "
                        + rows
                        + "))) AS VARCHAR), 2, '0') AS hour"
                        + " FROM (SELECT i, CASE WHEN i % 10 < 4 THEN 'alert_raw' WHEN i % 10 < 6 THEN 'decision'"
                        + " WHEN i % 10 < 8 THEN 'tick' WHEN i % 10 = 8 THEN 'notification' ELSE 'mute' END AS kind"
                        + " FROM range("
                        + rows
                        + ") t(i)))"
                        + " TO '"
                        + dir
                        + "' (FORMAT parquet, PARTITION_BY (date, hour), COMPRESSION snappy,"
                        + " OVERWRITE_OR_IGNORE true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(sql);
        }
    }
}
