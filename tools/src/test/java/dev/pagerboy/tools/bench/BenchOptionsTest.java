package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.config.StateBackendChoice;
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
    void throughputInputIsLiveAtTenThousandAlertsPerSecondUnlessToldOtherwise() {
        BenchOptions defaults = BenchOptions.parse(new String[0], ROOT);
        assertThat(defaults.history()).isFalse();
        assertThat(defaults.eventRate()).isEqualTo(10_000);
        assertThat(defaults.input()).isEqualTo("live");

        BenchOptions faster =
                BenchOptions.parse(new String[] {"--event-rate", "50000", "--alerts", "9"}, ROOT);
        assertThat(faster.eventRate()).isEqualTo(50_000);
        assertThat(faster.alerts()).isEqualTo(9);
        assertThat(faster.input()).isEqualTo("live");

        BenchOptions history =
                BenchOptions.parse(new String[] {"--history", "--seconds", "3"}, ROOT);
        assertThat(history.history()).isTrue();
        assertThat(history.input()).isEqualTo("history");
        assertThat(history.seconds()).isEqualTo(3);
    }

    @Test
    void historyAndEventRateExcludeEachOther() {
        assertThatThrownBy(
                        () ->
                                BenchOptions.parse(
                                        new String[] {"--history", "--event-rate", "100"}, ROOT))
                .hasMessageContaining("cannot be combined with --event-rate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--event-rate", "-5"}, ROOT))
                .hasMessage(
                        "Invalid value for option '--event-rate': must be at least 1, got '-5'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--event-rate"}, ROOT))
                .hasMessage("Missing required parameter for option '--event-rate' (R)");
    }

    @Test
    void badUsageSaysWhatIsWrong() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}, ROOT))
                .hasMessage("Unknown option: '--fast'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate"}, ROOT))
                .hasMessage("Missing required parameter for option '--rate' (R)");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--alerts", "0"}, ROOT))
                .hasMessage("Invalid value for option '--alerts': must be at least 1, got '0'");
    }

    @Test
    void stateBackendIsTheJobsDefaultTheChangelogUnlessNamed() {
        assertThat(BenchOptions.parse(new String[0], ROOT).stateBackend())
                .isEqualTo(StateBackendChoice.CHANGELOG);
        assertThat(
                        BenchOptions.parse(new String[] {"--state-backend", "rocksdb"}, ROOT)
                                .stateBackend())
                .isEqualTo(StateBackendChoice.ROCKSDB);
        assertThat(StateBackendChoice.CHANGELOG.settings(ROOT.toUri().toString()).toMap())
                .containsEntry("state.changelog.enabled", "true")
                .containsEntry("state.backend.type", "hashmap");
        assertThatThrownBy(
                        () -> BenchOptions.parse(new String[] {"--state-backend", "forst"}, ROOT))
                .hasMessageContaining("unknown state backend 'forst'");
    }
}
