package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.bench.HandlerBenchmark;
import dev.pagerboy.vm.bench.InterpreterBenchmark;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code vm bench [--quick]}: runs {@link InterpreterBenchmark} under JMH (one fork), prints a
 * summary of medians, and ends with one {@code key=value} line: {@code mips=} is the ALU loop
 * without hooks, the headline figure.
 */
final class BenchCommand {

    int run(String[] args, PrintStream out, PrintStream err) {
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                err.println("pagerboy vm bench: unknown argument '" + arg + "'");
                err.println("usage: ./pagerboy vm bench [--quick]");
                return 2;
            }
        }
        Options options =
                new OptionsBuilder()
                        .include(InterpreterBenchmark.class.getName())
                        .include(HandlerBenchmark.class.getName())
                        .forks(1)
                        .warmupIterations(quick ? 2 : 5)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(quick ? 3 : 10)
                        .measurementTime(TimeValue.seconds(1))
                        .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            err.println("pagerboy vm bench: JMH failed: " + e.getMessage());
            return 1;
        }
        Map<String, String> summary = new LinkedHashMap<>();
        out.println();
        out.println("loop    hooks  M instr/s (median)  M T-cycles/s (median)  x realtime");
        java.util.List<RunResult> handlerResults = new java.util.ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().startsWith(HandlerBenchmark.class.getName())) {
                handlerResults.add(r);
                continue;
            }
            String loop = r.getParams().getParam("loop");
            boolean hooks = Boolean.parseBoolean(r.getParams().getParam("hooks"));
            double mips = median(r.getSecondaryResults().get("instructions")) / 1e6;
            double mcycles = median(r.getSecondaryResults().get("cycles")) / 1e6;
            double realtime = mcycles * 1e6 / GameBoy.CLOCK_HZ;
            out.printf(
                    Locale.ROOT,
                    "%-7s %-6s %18.1f %22.1f %11.1f%n",
                    loop,
                    hooks,
                    mips,
                    mcycles,
                    realtime);
            String key = loop + (hooks ? "_hooks" : "");
            summary.put(key + "_mips", format(mips));
            summary.put(key + "_realtime_x", format(realtime));
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

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
