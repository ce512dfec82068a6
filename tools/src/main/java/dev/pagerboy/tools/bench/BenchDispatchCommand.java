package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pagerboy bench dispatch}: the command line of {@link DispatchBench}. */
@Command(
        name = "bench dispatch",
        description = {
            "Throughput and latency of dispatcher replicas delivering committed pages to a local",
            "key-honouring webhook receiver (embedded Kafka; replicas as threads of this JVM).",
            "The last line is key=value: deliveries_per_s (2 replicas), dispatch_p99_ms, lost,",
            "duplicate_effects, ..."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy bench dispatch",
            "  ./pagerboy bench dispatch --pages 20000 --rate 1000 --seconds 5"
        })
public final class BenchDispatchCommand implements Callable<Integer> {

    @Option(
            names = "--pages",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Pages of each throughput run (default: ${DEFAULT-VALUE}).")
    int pages = 100_000;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Partitions of the notifications topic (default: ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(
            names = "--rate",
            paramLabel = "PAGES_PER_S",
            converter = PositiveNumber.Int.class,
            description = "Pages per second of the latency run (default: ${DEFAULT-VALUE}).")
    int rate = 2_000;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            converter = PositiveNumber.Int.class,
            description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    private final PrintStream out;

    public BenchDispatchCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(new BenchDispatchCommand(System.out), args);
    }

    /** Runs the benchmark with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new BenchDispatchCommand(out), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        return DispatchBench.run(new DispatchBench.Options(pages, partitions, rate, seconds), out);
    }
}
