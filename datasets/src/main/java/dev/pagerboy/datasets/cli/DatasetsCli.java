package dev.pagerboy.datasets.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy datasets}: convert the PCIC alarms into the shipped samples, generate seeded
 * streams to a file or Kafka, rebuild the rule catalog, and measure a stream. Bad input and bad
 * options print one clear line and exit with status 2; failures of the outside world (a broker that
 * refuses records) exit with status 1.
 */
@Command(
        name = "datasets",
        description = "Sample alert streams: generate, convert, catalog, stats.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets generate --seed 7 --alerts 1000 --start now-2h --out /tmp/a.jsonl",
            "  ./pagerboy datasets generate --seed 7 --alerts 1000 --start now --to kafka://127.0.0.1:9092/alerts",
            "  ./pagerboy datasets stats datasets/samples/pcic2021-3w.alertmanager.jsonl.gz",
            "",
            "--raw defaults to ../shared/datasets-raw next to the project root."
        })
public final class DatasetsCli implements Callable<Integer> {

    @Spec CommandSpec spec;

    private DatasetsCli() {}

    public static void main(String[] args) {
        Cli.main(commandLine(System.out, System.err), args);
    }

    /** Runs a command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(commandLine(out, err), args, out, err);
    }

    /** The {@code datasets} command tree, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine datasets = new CommandLine(new DatasetsCli());
        datasets.addSubcommand("generate", new GenerateCommand(out, err));
        datasets.addSubcommand("history", new HistoryCommand(out, err));
        datasets.addSubcommand("convert", new ConvertCommand(projectRoot(), out));
        datasets.addSubcommand("catalog", new CatalogCommand(projectRoot(), out));
        datasets.addSubcommand("stats", new StatsCommand(out));
        return datasets;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    /**
     * Runs a command's work, sorting what it throws into the exit statuses: bad input (an {@link
     * IllegalArgumentException} from a reader or the generator) is the user's, exit 2; files that
     * cannot be written or a broker that refuses records are the world's, exit 1.
     */
    static int work(Callable<Integer> work) throws Exception {
        try {
            return work.call();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    /** The project root: the launcher passes {@code -Dpagerboy.root}; otherwise the working dir. */
    static Path projectRoot() {
        return Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
    }

    static Path defaultRaw(Path root) {
        return root.resolve("../shared/datasets-raw").normalize();
    }
}
