package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(
            names = "--event-rate",
            paramLabel = "R",
            converter = PositiveNumber.Long.class,
            description =
                    "Alerts per second of event time, as in 'bench pipeline' (default: ${DEFAULT-VALUE}).")
    long eventRate = (long) BenchOptions.DEFAULT_EVENT_RATE;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Job configuration (default: streaming-job/config/bench.yaml).")
    Path config;

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
        Path file = config != null ? config : root.resolve("streaming-job/config/bench.yaml");
        return ReplayBench.run(file, alerts, eventRate, seed);
    }
}
