package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pagerboy bench replay}: the command line of {@link ReplayBench}. */
@Command(
        name = "bench replay",
        description = {
            "Replay speed: the live job archives N generated alerts (its rate is measured as in",
            "'bench pipeline'), then replay re-runs them from the archive; reports both rates."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./pagerboy bench replay", "  ./pagerboy bench replay --alerts 200000"})
public final class BenchReplayCommand implements Callable<Integer> {

    @Option(
            names = "--alerts",
            paramLabel = "N",
            converter = PositiveNumber.Long.class,
            description = "Generated alerts (default: ${DEFAULT-VALUE}).")
    long alerts = 50_000;

    @Mixin GeneratedInputFlags input;

    public static void main(String[] args) {
        Cli.main(new BenchReplayCommand(), args);
    }

    /** Runs the benchmark with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new BenchReplayCommand(), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        return ReplayBench.run(input.config(root), alerts, (long) input.eventRate(), input.seed);
    }
}
