package dev.pagerboy.streaming.anchor;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.HourResult;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy archive compact}: merges each sealed event hour of an archive into one file
 * ({@link SealedHourCompactor}). A separate command, run by cron or by hand next to the running
 * job, rather than a step of the job: an hour's files are final only after the checkpoints that
 * commit its root row and the file sink's own compaction, which the job's sealing stage does not
 * see, and deleting committed files inside the job's commit protocol would meet its restore path (a
 * restored checkpoint commits its files again). The audit shell does not compact: it reads the
 * evidence, it does not rewrite it.
 */
@Command(
        name = "archive",
        description = "Maintain an archive directory.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = ArchiveCommand.Compact.class,
        footerHeading = "%nExamples:%n",
        footer = {"  ./pagerboy archive compact --archive pagerboy-archive"})
public final class ArchiveCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private final PrintStream out;

    public ArchiveCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args} and runs; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new ArchiveCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    /** {@code archive compact}. */
    @Command(
            name = "compact",
            description = {
                "Merge each sealed event hour's files into one file, with the same rows.",
                "Only hours whose rows are exactly what their archive_root rows list are merged;",
                "open hours, hours with uncommitted or late rows, and hours that do not verify are",
                "left as they are. Safe while the job runs, while readers read, and to stop at any",
                "moment (the next run finishes a stopped merge)."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy archive compact --archive pagerboy-archive",
                "  ./pagerboy archive compact --archive .pagerboy/demo/archive --min-age-minutes 0",
                "",
                "Exit status: 0 done (hours left open are not a failure), 1 an hour's rows do not",
                "match its roots (run 'audit -c \"archive verify --all\"'), 2 bad command line."
            })
    static final class Compact implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--archive",
                required = true,
                paramLabel = "DIR",
                description = "the archive directory the job writes (--archive of the job)")
        Path archive;

        @Option(
                names = "--min-age-minutes",
                paramLabel = "MINUTES",
                defaultValue = "10",
                description =
                        "merge an hour only when its newest file is this old (default:"
                                + " ${DEFAULT-VALUE}; a restored job commits its last"
                                + " checkpoint's files again, which must not be merged away"
                                + " under it)")
        long minAgeMinutes;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(archive)) {
                throw new UsageException(
                        "no archive directory at " + archive + " (pass the job's --archive DIR)");
            }
            if (minAgeMinutes < 0) {
                throw new UsageException("--min-age-minutes must be 0 or more");
            }
            PrintStream out = ((ArchiveCommand) spec.parent().userObject()).out;
            List<HourResult> results =
                    new SealedHourCompactor(archive, Duration.ofMinutes(minAgeMinutes))
                            .compactAll(Instant.now());
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            long filesBefore = 0;
            for (HourResult hour : results) {
                counts.merge(hour.verdict(), 1, Integer::sum);
                Path where = archive.toAbsolutePath().normalize().relativize(hour.dir());
                switch (hour.verdict()) {
                    case MERGED -> {
                        filesBefore += hour.filesBefore();
                        out.printf(
                                Locale.ROOT,
                                "%s  merged %d files, %d rows into %s%n",
                                where,
                                hour.filesBefore(),
                                hour.rows(),
                                hour.detail());
                    }
                    case NOT_SEALED, DIFFERS, TOO_RECENT ->
                            out.printf(
                                    "%s  left: %s: %s%n",
                                    where,
                                    hour.verdict()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', ' '),
                                    hour.detail());
                    case ONE_FILE -> {}
                }
            }
            out.printf(
                    Locale.ROOT,
                    "%d hours: %d merged (%d files into %d), %d one file already, %d not sealed,"
                            + " %d too recent, %d differ from their roots%n",
                    results.size(),
                    counts.getOrDefault(Verdict.MERGED, 0),
                    filesBefore,
                    counts.getOrDefault(Verdict.MERGED, 0),
                    counts.getOrDefault(Verdict.ONE_FILE, 0),
                    counts.getOrDefault(Verdict.NOT_SEALED, 0),
                    counts.getOrDefault(Verdict.TOO_RECENT, 0),
                    counts.getOrDefault(Verdict.DIFFERS, 0));
            return counts.getOrDefault(Verdict.DIFFERS, 0) > 0
                    ? ExitStatus.FAILED.code()
                    : ExitStatus.OK.code();
        }
    }
}
