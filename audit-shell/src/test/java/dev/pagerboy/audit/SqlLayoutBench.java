package dev.pagerboy.audit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a {@code sql} query's time goes with the archive's file layout: the same rows as one file
 * per hour (what {@link SqlGroupByBench} generates, and what compaction leaves) and as {@code N}
 * files per hour (a live job compacts once a minute per writer: about 120 files per hour), each
 * with and without DuckDB's Parquet footer cache. The variants are opened side by side in one JVM
 * and their queries alternated, so a change of machine load hits them alike; each run records wall
 * time and the process's CPU time (DuckDB's native threads included), the steadier figure on a
 * shared machine.
 *
 * <pre>
 * java -cp audit-shell/target/test-classes:audit-shell/target/classes:$(cat audit-shell/target/classpath.txt) \
 *     dev.pagerboy.audit.SqlLayoutBench ARCHIVE DAYS FILES_PER_HOUR RUNS
 * </pre>
 *
 * {@code ARCHIVE} is a directory {@link SqlGroupByBench} generated; the first {@code DAYS} days of
 * it are copied once into {@code ARCHIVE-DAYSd-1} and {@code ARCHIVE-DAYSd-FILES_PER_HOUR}.
 */
public final class SqlLayoutBench {

    private static final List<String> QUERIES =
            List.of(
                    "SELECT kind, count(*) FROM archive GROUP BY kind",
                    "SELECT key, count(*) FROM decisions GROUP BY key");

    private SqlLayoutBench() {}

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        int days = Integer.parseInt(args[1]);
        int filesPerHour = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path one = copy(source, days, 1);
        Path many = copy(source, days, filesPerHour);
        Map<String, Connection> variants = new LinkedHashMap<>();
        variants.put("1 file/hour", open(one, false));
        variants.put("1 file/hour, footer cache", open(one, true));
        variants.put(filesPerHour + " files/hour", open(many, false));
        variants.put(filesPerHour + " files/hour, footer cache", open(many, true));
        for (String query : QUERIES) {
            Map<String, List<double[]>> times = new LinkedHashMap<>();
            for (Map.Entry<String, Connection> v : variants.entrySet()) {
                run(v.getValue(), query); // warm-up
                times.put(v.getKey(), new ArrayList<>());
            }
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, Connection> v : variants.entrySet()) {
                    times.get(v.getKey()).add(run(v.getValue(), query));
                }
            }
            System.out.println(query);
            times.forEach(
                    (name, t) ->
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %-32s wall median %.3f s %s; cpu median %.3f s %s%n",
                                    name,
                                    median(t, 0),
                                    column(t, 0),
                                    median(t, 1),
                                    column(t, 1)));
        }
        for (Connection c : variants.values()) {
            c.close();
        }
    }

    /** Wall and process-CPU seconds of one run of {@code query}, the whole result read. */
    private static double[] run(Connection c, String query) throws SQLException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        long wall = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                r.getObject(1);
            }
        }
        return new double[] {
            (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9
        };
    }

    private static double median(List<double[]> runs, int i) {
        double[] sorted = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String column(List<double[]> runs, int i) {
        return runs.stream()
                .map(r -> String.format(Locale.ROOT, "%.2f", r[i]))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The shell's views (docs/AUDIT.md) over the committed files of {@code dir}. */
    private static Connection open(Path dir, boolean footerCache) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET parquet_metadata_cache = " + footerCache);
            s.execute(
                    "CREATE VIEW archive AS SELECT * FROM read_parquet("
                            + files(dir).stream()
                                    .map(f -> "'" + f + "'")
                                    .collect(Collectors.joining(", ", "[", "]"))
                            + ", hive_partitioning = true)");
            s.execute("CREATE VIEW decisions AS SELECT * FROM archive WHERE kind = 'decision'");
        }
        return c;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The first {@code days} days of {@code source} with each hour's rows spread over {@code
     * perHour} files ({@code part-<n>.parquet}, by {@code source_offset}), written once.
     */
    private static Path copy(Path source, int days, int perHour) throws Exception {
        Path target = Path.of(source + "-" + days + "d-" + perHour);
        if (Files.exists(target.resolve("generated"))) {
            return target;
        }
        List<String> dates;
        try (Stream<Path> list = Files.list(source)) {
            dates =
                    list.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("date="))
                            .sorted()
                            .limit(days)
                            .toList();
        }
        String glob =
                dates.stream()
                        .map(d -> "'" + source.resolve(d) + "/*/*.parquet'")
                        .collect(Collectors.joining(", ", "[", "]"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY (SELECT *, CAST(source_offset % "
                            + perHour
                            + " AS INTEGER) AS part FROM read_parquet("
                            + glob
                            + ", hive_partitioning = true)) TO '"
                            + target
                            + "' (FORMAT parquet, PARTITION_BY (date, hour, part),"
                            + " COMPRESSION snappy, OVERWRITE_OR_IGNORE true)");
        }
        // date=…/hour=…/part=N/data_0.parquet → date=…/hour=…/part-N.parquet: hive_partitioning
        // would otherwise add a column the archive does not have.
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Path part = file.getParent();
                String name =
                        part.getFileName().toString().replace('=', '-') + "-" + file.getFileName();
                Files.move(file, part.getParent().resolve(name));
            }
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path part :
                    walk.filter(d -> d.getFileName().toString().startsWith("part=")).toList()) {
                Files.delete(part);
            }
        }
        Files.writeString(target.resolve("generated"), days + " days, " + perHour + " per hour");
        return target;
    }
}
