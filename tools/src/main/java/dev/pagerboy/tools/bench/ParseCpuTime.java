package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.RawInput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The job's parse step alone ({@link AlertParser#parse}, i.e. the format readers plus the job's
 * record), in CPU time of this thread, over the pipeline bench's own input: the seeded generator's
 * records (seed 7) in one wire format. On a shared machine thread CPU time is the figure that
 * compares across runs; wall time mostly measures the scheduler.
 *
 * <pre>
 * java -cp tools/target/classes:$(cat tools/target/classpath.txt) \
 *   dev.pagerboy.tools.bench.ParseCpuTime [slices] [alerts] [alertmanager|pagerduty|native]
 * </pre>
 *
 * Prints the median of {@code slices} passes over {@code alerts} records, after as many warm-up
 * passes, as CPU ns per record and the records per CPU-second.
 */
public final class ParseCpuTime {

    private ParseCpuTime() {}

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int alerts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        AlertFormat format =
                AlertFormat.fromCliName(
                        args.length > 2 ? args[2] : AlertFormat.ALERTMANAGER.cliName());
        List<RawInput> inputs = inputs(alerts, format);
        AlertParser parser = new AlertParser();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < slices; i++) {
            sink += pass(parser, inputs);
        }
        long[] nanos = new long[slices];
        for (int i = 0; i < slices; i++) {
            long t0 = threads.getCurrentThreadCpuTime();
            sink += pass(parser, inputs);
            nanos[i] = threads.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(nanos);
        double perRecord = (double) nanos[slices / 2] / inputs.size();
        System.out.printf(
                "parse %s: %,d records, median of %d slices: %.0f CPU ns per record, %,.0f records"
                        + " per CPU-second (check %d)%n",
                format.cliName(), inputs.size(), slices, perRecord, 1e9 / perRecord, sink);
    }

    private static long pass(AlertParser parser, List<RawInput> inputs) {
        long alerts = 0;
        for (RawInput input : inputs) {
            ParseResult r = parser.parse(input);
            alerts += r.isDeadLetter() ? -1 : r.alerts().size();
        }
        return alerts;
    }

    private static List<RawInput> inputs(int alerts, AlertFormat format) {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(GeneratorConfig.of(7, alerts, format));
        List<RawInput> out = new ArrayList<>(alerts);
        long offset = 0;
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (Envelope.ALERTS.equals(e.topic())) {
                out.add(new RawInput("alerts", 0, offset++, e.ts(), e.keyBytes(), e.value()));
            }
        }
        return out;
    }
}
