package dev.pagerboy.streaming.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/checkout");

    @Test
    void defaultsMatchTheIssue() {
        BenchOptions o = BenchOptions.parse(new String[0], ROOT);
        assertThat(o.rate()).isEqualTo(10_000);
        assertThat(o.config()).isEqualTo(ROOT.resolve("streaming-job/config/bench.yaml"));
        assertThat(BenchOptions.parse(new String[] {"--alerts", "5000", "--seed", "0"}, ROOT))
                .satisfies(p -> assertThat(p.alerts()).isEqualTo(5000))
                .satisfies(p -> assertThat(p.seed()).isZero());
    }

    @Test
    void badUsageSaysWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}, ROOT))
                .hasMessage("unknown option '--fast'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate"}, ROOT))
                .hasMessage("--rate needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--alerts", "0"}, ROOT))
                .hasMessage("--alerts must be a positive integer, got '0'");
    }
}
