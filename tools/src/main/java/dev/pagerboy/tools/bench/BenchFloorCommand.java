package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pagerboy bench floor}: the command line of {@link FloorBench}. */
@Command(
        name = "bench floor",
        description = {
            "The floor under the job: its Flink shape with near-zero work per stage, rung by",
            "rung (Kafka clients' copy, Flink copy, parse, shuffles, archive) beside the real job,",
            "alternating, then the same for replay; medians of rate and CPU per record."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy bench floor",
            "  ./pagerboy bench floor --alerts 100000 --rounds 1 --rungs copy,job --no-replay"
        })
public final class BenchFloorCommand implements Callable<Integer> {

    @Option(
            names = "--alerts",
            paramLabel = "N",
            converter = PositiveNumber.Long.class,
            description = "Generated alerts (default: ${DEFAULT-VALUE}).")
    long alerts = 200_000;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Rounds: every rung runs once per round (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(
            names = "--rungs",
            paramLabel = "LIST",
            split = ",",
            description = {
                "Live rungs, in order: clients, copy, parse, shuffles, archive, job, job-reuse",
                "(the job with pipeline.object-reuse) (default: all but job-reuse)."
            })
    List<String> rungs = FloorBench.LIVE_RUNGS;

    @Option(
            names = "--no-replay",
            negatable = true,
            description = "Skip the replay floor (it needs a job rung's archive).")
    boolean replay = true;

    @Mixin GeneratedInputFlags input;

    public static void main(String[] args) {
        Cli.main(new BenchFloorCommand(), args);
    }

    /** Runs the benchmark with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new BenchFloorCommand(), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        return FloorBench.run(
                input.config(root),
                alerts,
                input.eventRate(),
                input.seed,
                rounds,
                List.copyOf(rungs),
                replay);
    }
}
