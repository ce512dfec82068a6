package dev.pagerboy.tools.vmbench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/** The handler part of {@code vm bench}: ns/alert (median) and cycles/alert per library handler. */
final class HandlerBenchReport {

    private HandlerBenchReport() {}

    static void print(List<RunResult> results, PrintStream out, Map<String, String> summary) {
        if (results.isEmpty()) {
            return;
        }
        out.println();
        out.println("handler          path        ns/alert (median)  cycles/alert");
        for (RunResult r : results) {
            String handler = r.getParams().getParam("handler");
            String benchmark = r.getParams().getBenchmark();
            String path = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            double ns = r.getPrimaryResult().getStatistics().getPercentile(50);
            double cycles = HandlerBenchmark.cyclesPerAlert(handler);
            out.printf(Locale.ROOT, "%-16s %-11s %17.0f %13.0f%n", handler, path, ns, cycles);
            String key = handler.replace('-', '_') + (path.equals("run") ? "" : "_" + path);
            summary.put(key + "_ns", String.format(Locale.ROOT, "%.0f", ns));
            if (path.equals("run")) {
                summary.put(
                        handler.replace('-', '_') + "_cycles",
                        String.format(Locale.ROOT, "%.0f", cycles));
            }
        }
    }
}
