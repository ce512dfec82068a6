package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PositiveNumber;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pagerboy bench gateway}: the command line of {@link GatewayBench}. */
@Command(
        name = "bench gateway",
        description = {
            "Acks per second end to end through the ack gateway (POST of a one-time link until the",
            "signed ack is on the acks topic) and the press latency; embedded Kafka, gateway in",
            "this JVM. The last line is key=value: acks_per_s, p50_ms, p99_ms, ..."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy bench gateway",
            "  ./pagerboy bench gateway --acks 20000 --clients 32"
        })
public final class BenchGatewayCommand implements Callable<Integer> {

    @Option(
            names = "--acks",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Link presses to time (default: ${DEFAULT-VALUE}).")
    int acks = 10_000;

    @Option(
            names = "--clients",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Concurrent browsers (default: ${DEFAULT-VALUE}).")
    int clients = 16;

    private final PrintStream out;

    public BenchGatewayCommand() {
        this(System.out);
    }

    public BenchGatewayCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(new BenchGatewayCommand(System.out), args);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new BenchGatewayCommand(out), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        return GatewayBench.run(new GatewayBench.Options(acks, clients), out);
    }
}
