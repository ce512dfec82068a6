package dev.pagerboy.audit;

import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.query.QueryPage;
import dev.pagerboy.audit.query.SqlConsole;
import dev.pagerboy.streaming.anchor.SealedHourCompactor;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.HourResult;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Verdict;
import dev.pagerboy.streaming.anchor.SealedHourWriter;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code sql} over a 10 M-row archive in a live job's layout, before and after {@code archive
 * compact} (issue 18). The archive is written hour by hour by the job's own Parquet writer, as a
 * live job leaves it: each hour's rows over {@code FILES_PER_HOUR} files (two writers, the file
 * sink's once-a-minute compaction: 120), with the hour's {@code archive_root} row, so every hour is
 * sealed. The rows are {@link SqlGroupByBench}'s (40 % {@code alert_raw}, 20 % {@code decision}, 20
 * % {@code tick}, 10 % {@code notification}, 10 % {@code mute}; 5,000 keys; 30 days). A hard-linked
 * copy is then compacted, both are opened as the shell opens an archive, and each query runs
 * through the {@code sql} command's {@link SqlConsole} on the two alternately, so load changes hit
 * both alike. Each run records wall time and process CPU time (DuckDB's threads included).
 *
 * <pre>
 * java -cp audit-shell/target/test-classes:audit-shell/target/classes:$(cat audit-shell/target/classpath.txt) \
 *     dev.pagerboy.audit.CompactedLayoutBench DIR [ROWS] [FILES_PER_HOUR] [RUNS] [HOURS] [SETTING...]
 * </pre>
 *
 * With {@code FILES_PER_HOUR} 1 the archive is written as compaction leaves it (one file per hour,
 * the job's writer) and measured alone. {@code HOURS} (default 720, 30 days) spreads the rows.
 *
 * <p>Each {@code SETTING} (e.g. {@code "SET threads = 1"}) is run on both databases before the
 * queries: for trying DuckDB's settings.
 */
public final class CompactedLayoutBench {

    private static final long START = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static int hourCount = 720;

    private static final List<String> QUERIES =
            List.of(
                    "SELECT kind, count(*) FROM archive GROUP BY kind",
                    "SELECT hour, count(*) FROM alerts GROUP BY hour",
                    "SELECT key, count(*) FROM decisions GROUP BY key");

    private CompactedLayoutBench() {}

    public static void main(String[] args) throws Exception {
        Path live = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int perHour = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        hourCount = args.length > 4 ? Integer.parseInt(args[4]) : 720;
        List<String> settings = args.length > 5 ? List.of(args).subList(5, args.length) : List.of();
        if (!Files.exists(live.resolve("generated"))) {
            long t = System.nanoTime();
            generate(live, rows, perHour);
            Files.writeString(live.resolve("generated"), rows + " rows, " + perHour + " per hour");
            System.out.printf(
                    Locale.ROOT,
                    "generated %,d rows in %.1f s%n",
                    rows,
                    (System.nanoTime() - t) / 1e9);
        }
        Path compacted = Path.of(live + "-compacted");
        if (perHour > 1 && !Files.exists(compacted.resolve("generated"))) {
            linkCopy(live, compacted);
            long wall = System.nanoTime();
            long cpu = cpu();
            List<HourResult> results =
                    new SealedHourCompactor(compacted, Duration.ZERO).compactAll(Instant.now());
            long merged = results.stream().filter(r -> r.verdict() == Verdict.MERGED).count();
            long files = results.stream().mapToLong(HourResult::filesBefore).sum();
            System.out.printf(
                    Locale.ROOT,
                    "archive compact: %d of %d hours merged (%,d files into %d) in %.1f s wall,"
                            + " %.1f s CPU, load %s%n",
                    merged,
                    results.size(),
                    files,
                    merged,
                    (System.nanoTime() - wall) / 1e9,
                    (cpu() - cpu) / 1e9,
                    load());
            Files.writeString(compacted.resolve("generated"), "compacted copy of " + live);
        }
        Map<String, ArchiveSession> variants = new LinkedHashMap<>();
        variants.put("live layout (" + perHour + " files/hour)", open(live, settings));
        if (perHour > 1) {
            variants.put("compacted (1 file/hour)", open(compacted, settings));
        }
        System.out.println("settings: " + (settings.isEmpty() ? "(shell defaults)" : settings));
        for (Map.Entry<String, ArchiveSession> v : variants.entrySet()) {
            // what each sql command spends re-listing the directory before its query
            List<double[]> listings = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long wall = System.nanoTime();
                long cpu = cpu();
                v.getValue().database();
                listings.add(new double[] {(System.nanoTime() - wall) / 1e9, (cpu() - cpu) / 1e9});
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-30s file list re-read per command: wall median %.3f s, CPU %.3f s%n",
                    v.getKey(),
                    median(listings, 0),
                    median(listings, 1));
        }
        System.out.println("load at start: " + load());
        for (String query : QUERIES) {
            Map<String, List<double[]>> times = new LinkedHashMap<>();
            for (Map.Entry<String, ArchiveSession> v : variants.entrySet()) {
                run(v.getValue(), query); // warm-up: footers cached, views bound
                times.put(v.getKey(), new ArrayList<>());
            }
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, ArchiveSession> v : variants.entrySet()) {
                    times.get(v.getKey()).add(run(v.getValue(), query));
                }
            }
            System.out.println("sql: " + query);
            times.forEach(
                    (name, t) ->
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %-30s wall median %.3f s %s; CPU median %.3f s %s%n",
                                    name,
                                    median(t, 0),
                                    column(t, 0),
                                    median(t, 1),
                                    column(t, 1)));
        }
        System.out.println("load at end: " + load());
        for (ArchiveSession s : variants.values()) {
            s.close();
        }
    }

    private static ArchiveSession open(Path dir, List<String> settings) throws Exception {
        ArchiveSession session =
                new ArchiveSession(new AuditSettings(dir, null, null, null, false));
        long t = System.nanoTime();
        var db = session.database();
        System.out.printf(
                Locale.ROOT,
                "opened %s: %,d files, %,d bytes, in %.1f s%n",
                dir,
                db.files().files().size(),
                db.files().bytes(),
                (System.nanoTime() - t) / 1e9);
        try (var s = db.connection().createStatement()) {
            for (String setting : settings) {
                s.execute(setting);
            }
        }
        return session;
    }

    /** Wall and process CPU seconds of one {@code sql} run, the whole result read. */
    private static double[] run(ArchiveSession session, String query) {
        long wall = System.nanoTime();
        long cpu = cpu();
        QueryPage page = new SqlConsole(session).page(query, 1, 40);
        if (page.total() == 0) {
            throw new IllegalStateException(query + " gave no rows");
        }
        return new double[] {(System.nanoTime() - wall) / 1e9, (cpu() - cpu) / 1e9};
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
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

    /** Every hour sealed, its rows over {@code perHour} files, two hours written at a time. */
    private static void generate(Path dir, long rows, int perHour) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> hours = new ArrayList<>();
            for (int h = 0; h < hourCount; h++) {
                long first = rows * h / hourCount;
                long end = rows * (h + 1) / hourCount;
                long hourStart = START + h * HOUR;
                hours.add(
                        pool.submit(
                                () -> {
                                    List<ArchiveRecord> hourRows = new ArrayList<>();
                                    for (long i = first; i < end; i++) {
                                        hourRows.add(
                                                row(
                                                        i,
                                                        hourStart
                                                                + (i - first)
                                                                        * HOUR
                                                                        / (end - first)));
                                    }
                                    SealedHourWriter.writeSealed(
                                            dir, hourStart, 0, hourRows, perHour);
                                    return null;
                                }));
            }
            for (Future<?> hour : hours) {
                hour.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final String[] KEYS = keys();

    private static String[] keys() {
        String[] keys = new String[5000];
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            for (int i = 0; i < keys.length; i++) {
                keys[i] = HexFormat.of().formatHex(md5.digest(Integer.toString(i).getBytes()));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    /** {@link SqlGroupByBench}'s row {@code i}. */
    private static ArchiveRecord row(long i, long eventTime) {
        int m = (int) (i % 10);
        ArchiveKind kind =
                m < 4
                        ? ArchiveKind.ALERT_RAW
                        : m < 6
                                ? ArchiveKind.DECISION
                                : m < 8
                                        ? ArchiveKind.TICK
                                        : m == 8 ? ArchiveKind.NOTIFICATION : ArchiveKind.MUTE;
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                kind.text() + ":" + i,
                kind,
                eventTime,
                KEYS[(int) (i % 5000)],
                kind == ArchiveKind.ALERT_RAW ? "alerts" : "",
                (int) (i % 2),
                i,
                kind == ArchiveKind.NOTIFICATION ? "oncall" : "received",
                "{\"routeId\":\"route-" + (i % 7) + "\",\"n\":" + i + "}",
                new byte[0]);
    }

    /** {@code to} as a tree of hard links to {@code from}'s files. */
    private static void linkCopy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("generated")) {
                    Files.createLink(target, p);
                }
            }
        }
    }
}
