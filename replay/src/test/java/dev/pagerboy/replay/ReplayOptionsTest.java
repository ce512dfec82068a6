package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code replay} and {@code replay incident} share one option block ({@link ReplayOptions}): both
 * list it in their help, and both refuse to run without {@code --archive} (which picocli cannot
 * require of the parent command without requiring it of the subcommand twice).
 */
class ReplayOptionsTest {

    private static final List<String> SHARED =
            List.of(
                    "--archive=DIR",
                    "--config=FILE",
                    "--out=DIR",
                    "--parallelism=N",
                    "--max-out-of-orderness=DURATION",
                    "--no-progress");

    @Test
    void bothCommandsOfferTheSharedOptions() {
        assertThat(run("--help").out).contains(SHARED);
        assertThat(run("incident", "--help").out).contains(SHARED);
    }

    @Test
    void bothCommandsNeedAnArchive() {
        for (Run run : List.of(run("--verify"), run("incident", "3f2a9c0d1e4b5a67-1"))) {
            assertThat(run.status).isEqualTo(2);
            assertThat(run.err).contains("Missing required option: '--archive=DIR'");
        }
    }

    @Test
    void withoutFlagsTheRequestTakesTheLiveJobsDefaults() {
        ReplayOptions options = new ReplayOptions();
        options.archive = Path.of("a");
        ReplayRequest request = options.request(Map.of(), ArchiveStretch.WHOLE);

        assertThat(request.config()).isEqualTo(Path.of("pagerboy.yaml"));
        assertThat(request.parallelism()).isEqualTo(2);
        assertThat(request.maxOutOfOrderness()).isEqualTo(ReplayRequest.DEFAULT_OUT_OF_ORDERNESS);
        assertThat(request.progress()).isTrue();
        assertThat(request.out().getParent()).isEqualTo(Path.of("pagerboy-replay"));
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                ReplayCommand.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
