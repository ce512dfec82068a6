package dev.pagerboy.streaming.archive.bench;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.RawInput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU per input row of the {@code alert_raw} row: today's {@code ArchiveRecord.rawAlert} against
 * the mapper over the same five-entry map it used before, alternating in one JVM (thread CPU,
 * median of the measured passes). Inputs look like the bench's: topic {@code alerts}, 16-byte keys,
 * growing offsets.
 *
 * <pre>
 * java -cp streaming-job/target/test-classes:streaming-job/target/classes:$(cat tools/target/classpath.txt) \
 *   dev.pagerboy.streaming.archive.bench.InputPayloadCpuTime [rows 200000] [passes 9]
 * </pre>
 */
public final class InputPayloadCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private InputPayloadCpuTime() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<RawInput> inputs = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            inputs.add(
                    new RawInput(
                            "alerts",
                            i % 2,
                            1_000_000L + i,
                            1_764_334_800_000L + i,
                            String.format("%016x", i * 0x9e3779b97f4aL)
                                    .getBytes(StandardCharsets.US_ASCII),
                            new byte[0]));
        }
        long[] now = new long[passes];
        long[] before = new long[passes];
        for (int p = 0; p < passes; p++) {
            before[p] = pass(inputs, true);
            now[p] = pass(inputs, false);
        }
        System.out.printf(
                "rows=%d passes=%d mapper_ns_per_row=%.0f direct_ns_per_row=%.0f%n",
                rows, passes, median(before) / (double) rows, median(now) / (double) rows);
    }

    private static long pass(List<RawInput> inputs, boolean mapper) {
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (RawInput input : inputs) {
            String json =
                    mapper
                            ? ArchiveRecord.CanonicalJson.write(asMap(input))
                            : ArchiveRecord.rawAlert(input).payloadJson();
            sink += json.length();
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return cpu;
    }

    private static Map<String, Object> asMap(RawInput input) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", input.topic());
        payload.put("partition", input.partition());
        payload.put("offset", input.offset());
        payload.put("timestamp", input.timestamp());
        payload.put("key", input.key());
        return payload;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
