package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pagerboy bench dispatch}: the command line of {@link DispatchBench}. */
@Command(
        name = "bench dispatch",
        description = {
            "Throughput and latency of dispatcher replicas delivering committed pages to a local",
            "key-honouring webhook receiver (embedded Kafka; replicas as threads of this JVM).",
            "Then, with the job in front (a MiniCluster, 1 s checkpoints), alert to delivered at",
            "each --e2e-rates rate. The last line is key=value: deliveries_per_s (2 replicas),",
            "dispatch_p99_ms, e2e_p99_ms (the highest rate), lost, duplicate_effects, ..."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy bench dispatch",
            "  ./pagerboy bench dispatch --pages 20000 --rate 1000 --seconds 5",
            "  ./pagerboy bench dispatch --pages 20000 --e2e-rates 1000 --e2e-seconds 20",
            "  ./pagerboy bench dispatch --e2e-rates none"
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

    @Option(
            names = "--e2e-rates",
            paramLabel = "ALERTS_PER_S,...",
            description =
                    "Alert rates of the end-to-end runs with the job in front, or none"
                            + " (default: ${DEFAULT-VALUE}).")
    String e2eRates = "1000,10000";

    @Option(
            names = "--e2e-seconds",
            paramLabel = "S",
            converter = PositiveNumber.Int.class,
            description = "Measured length of each end-to-end run (default: ${DEFAULT-VALUE}).")
    int e2eSeconds = 20;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The job's configuration for the end-to-end runs (default: "
                            + GeneratedInputFlags.DEFAULT_CONFIG
                            + ").")
    Path config;

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
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        return DispatchBench.run(
                new DispatchBench.Options(
                        pages,
                        partitions,
                        rate,
                        seconds,
                        config != null ? config : root.resolve(GeneratedInputFlags.DEFAULT_CONFIG),
                        rates(e2eRates),
                        e2eSeconds),
                out);
    }

    /** {@code 1000,10000} as numbers; {@code none} as no run. */
    static List<Integer> rates(String text) {
        if (text.equals("none")) {
            return List.of();
        }
        List<Integer> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int rate = Integer.parseInt(part.trim());
                if (rate <= 0) {
                    throw new NumberFormatException();
                }
                rates.add(rate);
            } catch (NumberFormatException e) {
                throw new UsageException(
                        "--e2e-rates: '"
                                + part
                                + "' is not a positive number (expected e.g. 1000,10000 or none)");
            }
        }
        return rates;
    }
}
