package dev.pagerboy.tools.vmbench;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.vm.GameBoy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vm bench [--quick]}: runs {@link InterpreterBenchmark} under JMH (one fork), prints a
 * summary of medians, and ends with one {@code key=value} line: {@code mips=} is the ALU loop
 * without hooks in millions of SM83 instructions per CPU-second of the benchmark thread, the
 * headline figure ({@code *_wall_mips} are per wall-clock second, which on a loaded machine mostly
 * measures the scheduler).
 */
@Command(
        name = "vm bench",
        description = {
            "Measure the VM's speed under JMH.",
            "One fork: interpreter loops with and without hooks, and the library handlers. The last",
            "line is key=value pairs; mips= is the headline figure."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./pagerboy vm bench", "  ./pagerboy vm bench --quick"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer warm-up and measurement iterations.")
    boolean quick;

    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    /** {@code ./pagerboy vm bench}: the launcher sends it here, to the tools module, with JMH. */
    public static void main(String[] args) {
        Cli.main(new BenchCommand(System.out), args);
    }

    /** Runs the command with the given streams; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new BenchCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        Options options =
                new OptionsBuilder()
                        .include(InterpreterBenchmark.class.getName())
                        .include(HandlerBenchmark.class.getName())
                        .forks(1)
                        .warmupIterations(quick ? 2 : 4)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(quick ? 3 : 10)
                        .measurementTime(TimeValue.seconds(1))
                        .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new CommandFailure("JMH failed: " + e.getMessage(), e);
        }
        Map<String, String> summary = new LinkedHashMap<>();
        out.println();
        out.println(
                "medians over the measurement iterations; 'cpu' = per CPU-second of the benchmark"
                        + " thread, 'wall' = per wall-clock second");
        out.println(
                "loop    hooks  M instr/s cpu  M T-cycles/s cpu  x realtime cpu  M instr/s wall"
                        + "  x realtime wall");
        List<RunResult> handlerResults = new ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().startsWith(HandlerBenchmark.class.getName())) {
                handlerResults.add(r);
                continue;
            }
            String loop = r.getParams().getParam("loop");
            boolean hooks = Boolean.parseBoolean(r.getParams().getParam("hooks"));
            double wallMips = median(r.getSecondaryResults().get("instructions")) / 1e6;
            double wallRealtime = median(r.getSecondaryResults().get("cycles")) / GameBoy.CLOCK_HZ;
            double cpuMips = medianPerCpuSecond(r, "cpuInstructions") / 1e6;
            double cpuMcycles = medianPerCpuSecond(r, "cpuCycles") / 1e6;
            double cpuRealtime = cpuMcycles * 1e6 / GameBoy.CLOCK_HZ;
            out.printf(
                    Locale.ROOT,
                    "%-7s %-6s %13.1f %17.1f %15.1f %15.1f %16.1f%n",
                    loop,
                    hooks,
                    cpuMips,
                    cpuMcycles,
                    cpuRealtime,
                    wallMips,
                    wallRealtime);
            String key = loop + (hooks ? "_hooks" : "");
            summary.put(key + "_mips", format(cpuMips));
            summary.put(key + "_mcycles", format(cpuMcycles));
            summary.put(key + "_realtime_x", format(cpuRealtime));
            summary.put(key + "_wall_mips", format(wallMips));
        }
        HandlerBenchReport.print(handlerResults, out, summary);
        StringBuilder line = new StringBuilder("mips=" + summary.getOrDefault("alu_mips", "0"));
        summary.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        out.println(line);
        return 0;
    }

    private static double median(Result<?> result) {
        return result.getStatistics().getPercentile(50);
    }

    /** Median over iterations of (counter total / CPU seconds) for one benchmark. */
    private static double medianPerCpuSecond(RunResult run, String counter) {
        List<Double> rates = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                Map<String, Result> secondary = iteration.getSecondaryResults();
                double nanos = secondary.get("cpuNanos").getScore();
                if (nanos > 0) {
                    rates.add(secondary.get(counter).getScore() / (nanos / 1e9));
                }
            }
        }
        Collections.sort(rates);
        int n = rates.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
