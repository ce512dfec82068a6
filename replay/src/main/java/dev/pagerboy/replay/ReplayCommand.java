package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./pagerboy replay}: replays an archive through the pipeline, verifies it against the
 * archived decisions ({@code --verify}) and reports what a new configuration or handler would have
 * paged (the what-if diff). The work is in {@link Replay}; this class parses and renders.
 */
@Command(
        name = "replay",
        sortOptions = false,
        subcommands = ReplayIncidentCommand.class,
        description = {
            "Replay archived history through the pipeline: verify it reproduces the archived",
            "decisions, or see what a new config (--config) or handler ROM (--handler) would page."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy replay --archive pagerboy-archive --config pagerboy.yaml --verify",
            "  ./pagerboy replay --archive pagerboy-archive --config new.yaml --html whatif.html",
            "  ./pagerboy replay --archive A --config pagerboy.yaml --handler '{}/{team=\"db\"}/0=db.gb'",
            "  ./pagerboy replay incident ID --archive pagerboy-archive --config pagerboy.yaml",
            "  ./pagerboy replay --archive A --config pagerboy.yaml --replayed R --verify",
            "",
            "Replay always starts at the archive's first input (docs/REPLAY.md); --from/--to choose",
            "the stretch that is compared and reported. Exit status: 0 identical (--verify) or",
            "report written, 1 differences (--verify) or failure, 2 bad command line or input."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Mixin ReplayOptions replay;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the stretch (RFC 3339).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "End of the stretch (RFC 3339, exclusive).")
    String to;

    @Option(
            names = "--verify",
            description =
                    "Compare with the archived decisions; exit 1 and print the first differences unless identical.")
    boolean verify;

    @Option(
            names = "--replayed",
            paramLabel = "DIR",
            description = {
                "Compare the archive a replay already wrote (flink run ... --mode replay on a",
                "cluster) instead of running the replay here; --out is then not used."
            })
    Path replayed;

    @Option(
            names = "--handler",
            paramLabel = "ROUTE=ROM",
            description =
                    "Replay ROUTE (a route id) with this handler ROM instead of the configured one.")
    Map<String, Path> handlers = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the what-if report as JSON instead of tables.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the what-if report as HTML with charts.")
    Path html;

    /** How many differences --verify prints. */
    static final int FIRST_DIFFERENCES = 10;

    private final PrintStream out;
    private final PrintStream err;

    public ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Cli.main(new ReplayCommand(System.out, System.err), args);
    }

    /** Runs the command with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new ReplayCommand(out, err), args, out, err);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    @Override
    public Integer call() throws Exception {
        ReplayRequest request =
                replay.request(
                        handlers,
                        new ArchiveStretch(
                                time("--from", from, Long.MIN_VALUE),
                                time("--to", to, Long.MAX_VALUE)));
        if (replayed != null) {
            request = request.comparing(replayed);
        }
        ReplayResult result = new Replay(err).run(request);
        if (replayed == null) {
            err.println(
                    ReplayProgress.summary(
                            result.inputs(), result.replayRows(), result.took(), result.jobTime()));
        } else {
            err.printf(
                    "compared the replay at %s (%,d decision and output rows) with %,d archived"
                            + " inputs' history%n",
                    replayed, result.replayRows(), result.inputs());
        }
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(result.report()));
        } else {
            out.print(ReportText.render(result.report()));
        }
        if (html != null) {
            writeHtml(result.report());
        }
        if (!verify) {
            return ExitStatus.OK.code();
        }
        ArchiveComparison c = result.comparison();
        if (c.identical()) {
            out.println(
                    "verify: identical: "
                            + c.comparedRows()
                            + " archived decision and output rows "
                            + c.rowsPerKind());
            return ExitStatus.OK.code();
        }
        out.println(
                "verify: "
                        + c.differences().size()
                        + " differences "
                        + c.differencesPerKind()
                        + "; the first:");
        List<ArchiveComparison.Difference> first =
                c.differences().subList(0, Math.min(FIRST_DIFFERENCES, c.differences().size()));
        first.forEach(d -> out.println("  " + d.describe()));
        return ExitStatus.FAILED.code();
    }

    private void writeHtml(WhatIfReport report) {
        try {
            Files.writeString(html, ReportHtml.render(report), StandardCharsets.UTF_8);
            err.println("wrote " + html);
        } catch (IOException e) {
            throw new UsageException("--html " + html + ": " + e.getMessage());
        }
    }

    private static long time(String option, String text, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Rfc3339.parse(text);
        } catch (RuntimeException e) {
            throw new UsageException(
                    option
                            + " "
                            + text
                            + ": not an RFC 3339 time (expected e.g. 2026-12-01T00:00:00Z)");
        }
    }
}
