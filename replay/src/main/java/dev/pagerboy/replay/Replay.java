package dev.pagerboy.replay;

import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.ReplayJob;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.replay.InputKind;
import dev.pagerboy.streaming.replay.StagedInputs;
import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.streaming.routing.RouteTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One replay from start to end: load and check the configuration, read the archive, refuse to run
 * other handler programs than the archived decisions ran (unless asked to), run the {@link
 * ReplayJob}, then compare its archive with the original ({@link ArchiveComparison}) and diff the
 * pages ({@link WhatIfReport}). The command line only renders what this returns.
 */
public final class Replay {

    private final PrintStream progressOut;

    public Replay(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    public ReplayResult run(ReplayRequest request) throws Exception {
        long started = System.nanoTime();
        PagerBoyConfig config = configOf(request);
        RouteTree routes = config.routes();
        boolean runsJob = request.replayed() == null;
        if (runsJob) {
            checkOut(request.out());
        } else {
            ArchivedHistory.files(request.replayed());
        }

        List<Path> files = ArchivedHistory.files(request.archive());
        try (ReplayProgress progress =
                new ReplayProgress(UUID.randomUUID().toString(), progressOut, request.progress())) {
            Phases phases = new Phases();
            progress.start("reading archive", files.size(), "files");
            ArchivedHistory history =
                    ArchivedHistory.read(
                            request.archive(), request.stretch(), f -> progress.step());
            phases.done("read");

            Map<String, Set<String>> archivedRoms = HandlerPrograms.archived(history.allOutputs());
            Map<String, String> replayedRoms = HandlerPrograms.configured(routes);
            checkPrograms(archivedRoms, replayedRoms, request.handlers().keySet());
            long[] range =
                    history.inputRange()
                            .orElseThrow(
                                    () ->
                                            new UsageException(
                                                    request.archive()
                                                            + " has no inputs before "
                                                            + ArchiveStretch.text(
                                                                    request.stretch().to())));

            Duration jobTime = Duration.ZERO;
            Path replayedArchive = request.out();
            if (runsJob) {
                Path staging = request.out().resolve(".inputs");
                StagedInputs staged = StagedInputs.write(history::inputs, flinkPath(staging));
                phases.done("stage");
                progress.start("replaying", staged.count(), "events");
                runJob(PipelineConfig.of(config), staged, request, progress);
                jobTime = phases.done("job");
                deleteTree(staging);
            } else {
                // The replay ran elsewhere (flink run ... --mode replay): only compare.
                replayedArchive = request.replayed();
            }
            progress.start("reading replay", 1, "archive");
            List<ArchiveRecord> replayed =
                    decisionRows(ParquetArchive.reader(replayedArchive).readAll());
            progress.step();
            phases.done("read_replay");

            long horizon = horizon(range[1], request.maxOutOfOrderness(), history.allOutputs());
            long from = Math.max(request.stretch().from(), range[0]);
            long to = Math.min(request.stretch().to(), horizon);
            ArchiveStretch compared = new ArchiveStretch(Math.min(from, to - 1), to);
            List<ArchiveRecord> before = within(history.allOutputs(), compared);
            List<ArchiveRecord> after = within(replayed, compared);
            ArchiveComparison comparison = ArchiveComparison.of(before, after);
            WhatIfReport report =
                    WhatIfReport.of(
                            header(request, archivedRoms, replayedRoms),
                            compared.from(),
                            compared.to(),
                            Page.of(before),
                            Page.of(after),
                            IncidentDiff.of(before, after));
            phases.done("compare");
            return new ReplayResult(
                    history.replayedInputs(),
                    comparison,
                    report,
                    Duration.ofNanos(System.nanoTime() - started),
                    jobTime,
                    replayed.size(),
                    phases.all());
        }
    }

    /** Wall time per phase of one replay, for the bench and the summary. */
    private static final class Phases {
        private final Map<String, Duration> took = new java.util.LinkedHashMap<>();
        private long last = System.nanoTime();

        Duration done(String phase) {
            long now = System.nanoTime();
            Duration d = Duration.ofNanos(now - last);
            took.put(phase, d);
            last = now;
            return d;
        }

        Map<String, Duration> all() {
            return java.util.Collections.unmodifiableMap(took);
        }
    }

    /** The configuration of {@code request}, with its {@code --handler} ROMs, validated. */
    static PagerBoyConfig configOf(ReplayRequest request) {
        PagerBoyConfig config = loadConfig(request.config());
        RouteTree routes = config.routes();
        for (Map.Entry<String, Path> handler : new TreeMap<>(request.handlers()).entrySet()) {
            routes = withHandler(routes, handler.getKey(), handler.getValue());
        }
        return config.withRoutes(routes);
    }

    /** Refuses to run other programs than the archived decisions ran, unless asked to. */
    static void checkPrograms(
            Map<String, Set<String>> archivedRoms,
            Map<String, String> replayedRoms,
            Set<String> newHandlers) {
        List<String> other = HandlerPrograms.differences(archivedRoms, replayedRoms, newHandlers);
        if (!other.isEmpty()) {
            throw new CommandFailure(
                    "replay would use a different program than the archived decisions on "
                            + other.size()
                            + " route(s): "
                            + String.join("; ", other)
                            + " (give --handler ROUTE=ROM to replay a new handler on purpose)");
        }
    }

    /**
     * The end (exclusive) of the event time that both the live job and the replay have decided. The
     * live job's watermark reached at least its last input minus the out-of-orderness, and at least
     * the time of any archived row after its last input (only a timer, i.e. the watermark, makes
     * those); it had decided nothing due later, while the bounded replay fires every timer at its
     * end. A bounded live run (watermark at the end of time) thus compares everything it wrote.
     */
    static long horizon(long lastInput, Duration maxOutOfOrderness, List<ArchiveRecord> archived) {
        long horizon = lastInput - maxOutOfOrderness.toMillis();
        for (ArchiveRecord r : archived) {
            if (r.eventTime() > lastInput) {
                horizon = Math.max(horizon, r.eventTime() + 1);
            }
        }
        return horizon;
    }

    static void runJob(
            PipelineConfig cfg, StagedInputs staged, ReplayRequest request, ReplayProgress progress)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(ReplayJob.flinkConfiguration());
        env.setParallelism(request.parallelism());
        ReplayJob.define(
                env,
                cfg,
                staged,
                request.maxOutOfOrderness(),
                request.out().toUri(),
                progress.id());
        JobClient job = env.executeAsync("pagerboy replay");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (true) {
            try {
                result.get(250, TimeUnit.MILLISECONDS);
                progress.stepTo(progress.replayed());
                return;
            } catch (TimeoutException e) {
                progress.stepTo(progress.replayed());
            } catch (ExecutionException e) {
                throw new CommandFailure(
                        "the replay job failed: " + dev.pagerboy.cli.Cli.describe(e), e);
            }
        }
    }

    static PagerBoyConfig loadConfig(Path file) {
        try {
            return PagerBoyConfig.load(file);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static RouteTree withHandler(RouteTree routes, String route, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--handler " + route + "=" + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--handler " + route + "=" + file + ": " + e.getMessage());
        }
        try {
            return routes.withHandlerRom(
                    route, new RouteRom(file.toString(), sha256(bytes), bytes));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--handler " + route + "=" + file + ": " + e.getMessage());
        }
    }

    /** The replay writes a new archive: an archive already there would mix two histories. */
    static void checkOut(Path out) {
        if (Files.isDirectory(out) && !ParquetArchive.reader(out).committedFiles().isEmpty()) {
            throw new UsageException(
                    "--out "
                            + out
                            + " already holds an archive (expected an empty or new directory)");
        }
    }

    /** {@code dir} as a path of Flink's file systems, where the replay job reads and writes. */
    static org.apache.flink.core.fs.Path flinkPath(Path dir) {
        return new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri());
    }

    static List<ArchiveRecord> decisionRows(List<ArchiveRecord> rows) {
        List<ArchiveRecord> out = new ArrayList<>();
        for (ArchiveRecord r : rows) {
            if (InputKind.of(r).isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<ArchiveRecord> within(List<ArchiveRecord> rows, ArchiveStretch stretch) {
        return rows.stream().filter(r -> stretch.contains(r.eventTime())).toList();
    }

    private static WhatIfReport.Header header(
            ReplayRequest request,
            Map<String, Set<String>> archivedRoms,
            Map<String, String> replayedRoms) {
        Map<String, List<String>> before = new TreeMap<>();
        archivedRoms.forEach((route, shas) -> before.put(route, List.copyOf(shas)));
        Map<String, String> after = new TreeMap<>();
        replayedRoms.forEach(
                (route, sha) -> {
                    if (!sha.isEmpty()) {
                        after.put(route, sha);
                    }
                });
        return new WhatIfReport.Header(
                request.archive().toString(),
                "",
                "",
                0,
                "not recorded in the archive",
                request.config().toString(),
                fileSha256(request.config()),
                before,
                after,
                version());
    }

    /** The PagerBoy version this build is (from the module's filtered resource). */
    public static String version() {
        try (InputStream in = Replay.class.getResourceAsStream("/replay/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String fileSha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
