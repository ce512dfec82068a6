package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.Cli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./pagerboy bench pipeline}: the command line of {@link PipelineBench}. */
@Command(
        name = "bench pipeline",
        description = "End-to-end throughput and latency benchmark of the streaming job.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy bench pipeline",
            "  ./pagerboy bench pipeline --alerts 200000 --seconds 10",
            "  ./pagerboy bench pipeline --history --alerts 50000",
            "  ./pagerboy bench pipeline --alerts 100000 --ack-share 0.3"
        })
public final class BenchPipelineCommand implements Callable<Integer> {

    @Mixin BenchOptions.Flags flags;

    public static void main(String[] args) {
        Cli.main(new BenchPipelineCommand(), args);
    }

    /** Runs the benchmark with the given streams; returns the exit status. */
    public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        return Cli.run(new BenchPipelineCommand(), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        return PipelineBench.run(flags.options(root));
    }
}
