package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineBenchTest {

    @Test
    void eventRateKeepsHistorysSmallRatesReadable() {
        assertThat(PipelineBench.eventRateText(10_000.4)).isEqualTo("10000");
        assertThat(PipelineBench.eventRateText(0.0620)).isEqualTo("0.062");
    }
}
