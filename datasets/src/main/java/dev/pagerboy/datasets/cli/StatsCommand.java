package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.datasets.schema.StreamStatistics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code stats FILE}: measures a stream file against the calibration table. */
final class StatsCommand {
    private final PrintStream out;

    StatsCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new UsageException("stats needs a FILE");
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file " + file);
        }
        Options o = Options.parse(args.subList(1, args.size()), Set.of("--format"), Set.of());
        StreamStatistics stats =
                new StreamStatistics(AlertFormat.fromCliName(o.text("--format", "alertmanager")));
        EnvelopeReader.forEach(file, stats::accept);
        out.print(stats.report().format());
        return 0;
    }
}
