package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.datasets.gen.Calibration;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.datasets.schema.StreamStatistics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stats FILE}: measures a stream file and prints the generator's calibration targets under
 * the measured figures, so a generated stream can be checked against what it was calibrated to.
 */
@Command(
        name = "stats",
        description = {
            "Measure a stream file against the calibration targets.",
            "Severity mix, duplicates, flaps, durations, floods and acks, followed by the targets",
            "the generator is calibrated to."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets stats datasets/samples/pcic2021-3w.alertmanager.jsonl.gz",
            "  ./pagerboy datasets stats /tmp/alerts.jsonl --format pagerduty"
        })
final class StatsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A stream file (JSON Lines, gzip if .gz).")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            completionCandidates = FormatConverter.Names.class,
            defaultValue = "alertmanager",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AlertFormat format;

    private final PrintStream out;

    StatsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return DatasetsCli.work(
                () -> {
                    StreamStatistics stats = new StreamStatistics(format);
                    EnvelopeReader.forEach(ExistingFile.require("FILE", file), stats::accept);
                    out.print(stats.report().format());
                    out.print(targets(Calibration.defaults()));
                    return 0;
                });
    }

    /** The calibration table's figures, in the same units as the measured report. */
    static String targets(Calibration c) {
        StringBuilder s = new StringBuilder();
        s.append("calibration targets (datasets/README.md):\n");
        s.append(
                String.format(
                        Locale.ROOT,
                        "  duration         median %.0f s, p90 %.0f s%n",
                        c.durationMedianSeconds(),
                        c.durationP90Seconds()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  flap share       %.2f %% of alarms (raised again within %d s)%n",
                        100 * c.flapProbability(),
                        c.flapWindowSeconds()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  floods           %.2f per team-day (%d to %d alarms within %d s)%n",
                        c.stormsPerTeamDay(),
                        c.stormMinAlarms(),
                        c.stormMaxAlarms(),
                        c.stormMaxSpreadSeconds()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  acks             mean delay %.0f s, %.1f %% of incidents never acked%n",
                        c.ackMeanSeconds(),
                        100 * c.neverAckedFraction()));
        return s.toString();
    }
}
