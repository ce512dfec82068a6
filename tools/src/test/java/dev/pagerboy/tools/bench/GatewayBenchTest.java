package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bench gateway} on a few presses: every press is answered 200 through the real gateway and
 * broker (the bench throws otherwise), and the last line carries the figures that
 * docs/BENCHMARKS.md records, including the process CPU per press and per direct ack.
 */
@Tag("integration")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatewayBenchTest {

    @Test
    void lastLineGivesRateLatencyAndCpuPerPress() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(GatewayBench.run(new GatewayBench.Options(64, 4), out)).isZero();
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("64 links open, pressing"));
        Map<String, String> figures = new HashMap<>();
        for (String pair : lines.get(lines.size() - 1).split(" ")) {
            String[] kv = pair.split("=", 2);
            figures.put(kv[0], kv.length == 2 ? kv[1] : "");
        }
        assertThat(figures).containsEntry("acks", "64").containsEntry("clients", "4");
        for (String key :
                List.of(
                        "acks_per_s",
                        "p50_ms",
                        "p99_ms",
                        "max_ms",
                        "cpu_ms_per_ack",
                        "direct_acks_per_s",
                        "direct_cpu_ms_per_ack")) {
            assertThat(Double.parseDouble(figures.get(key))).as(key).isPositive();
        }
    }
}
