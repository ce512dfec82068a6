package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final Path ROOT = Path.of("/checkout");

    @Test
    void defaultsPointIntoTheCheckout() {
        DemoOptions o = DemoOptions.parse(new String[0], ROOT);
        assertThat(o.config()).isEqualTo(ROOT.resolve("streaming-job/config/pagerboy.yaml"));
        assertThat(o.dataset())
                .isEqualTo(ROOT.resolve("datasets/samples/pcic2021-3w.alertmanager.jsonl.gz"));
        assertThat(o.workDir()).isEqualTo(ROOT.resolve(".pagerboy/demo"));
    }

    @Test
    void speedFitsTheReplayIntoTheRequestedSecondsUnlessGiven() {
        long threeWeeks = 21L * 24 * 3_600_000;
        assertThat(DemoOptions.parse(new String[] {"--seconds", "21"}, ROOT).speedFor(threeWeeks))
                .isEqualTo(86_400.0);
        assertThat(DemoOptions.parse(new String[] {"--speed", "60"}, ROOT).speedFor(threeWeeks))
                .isEqualTo(60.0);
        // A dataset shorter than the requested replay plays in real time, never slower.
        assertThat(DemoOptions.parse(new String[0], ROOT).speedFor(1_000)).isEqualTo(1.0);
    }

    @Test
    void badUsageSaysWhatIsWrong() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}, ROOT))
                .hasMessage("Unknown option: '--bogus'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus", "1"}, ROOT))
                .hasMessage("Unknown options: '--bogus', '1'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--config"}, ROOT))
                .hasMessage("Missing required parameter for option '--config' (FILE)");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--seconds", "-3"}, ROOT))
                .hasMessage(
                        "Invalid value for option '--seconds': must be a positive number, got"
                                + " '-3'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--speed", "fast"}, ROOT))
                .hasMessage(
                        "Invalid value for option '--speed': must be a positive number, got"
                                + " 'fast'");
    }

    @Test
    void aMissingDatasetIsNamedOnceWithWhatIsMissing(@org.junit.jupiter.api.io.TempDir Path dir) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Path missing = dir.resolve("nope.jsonl");
        int status =
                Demo.run(
                        new String[] {"--dataset", missing.toString()},
                        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                        new java.io.PrintStream(
                                err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("pagerboy demo: --dataset: no such file: " + missing + "\n");
    }
}
