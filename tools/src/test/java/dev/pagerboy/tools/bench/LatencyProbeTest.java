package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LatencyProbeTest {

    @Test
    void percentilesUseNearestRank() {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) {
            latencies[i] = 100 - i; // 100..1, unsorted on purpose
        }
        LatencyProbe.Result r = new LatencyProbe.Result(latencies, 100, 100, 10, 100, 0, 1);
        assertThat(r.percentile(50)).isEqualTo(50);
        assertThat(r.percentile(99)).isEqualTo(99);
        assertThat(r.percentile(100)).isEqualTo(100);
        assertThat(new LatencyProbe.Result(new long[0], 0, 0, 0, 0, 0, 1).percentile(50))
                .isEqualTo(-1);
    }

    @Test
    void probeAlertsAreNewNativeAlertsWithTheirSendTime() {
        String json =
                new String(
                        LatencyProbe.nativeAlert(42, 1_700_000_000_000L), StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith(
                        "{\"version\":\"pagerboy/v1\",\"id\":\"bench-42\",\"status\":\"firing\"")
                .contains("\"instance\":\"host-42\"")
                .endsWith("\"startsAt\":1700000000000}");
    }
}
