package dev.pagerboy.vm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command lines of {@code vm handler test} and {@code vm trace}: each gets exit status 2, one
 * line naming the flag or argument that is wrong and where the usage is, never a stack trace.
 */
class HandlerCommandOptionsTest {

    private static final String HANDLER_HINT =
            "run './pagerboy vm handler test --help' for usage\n";
    private static final String TRACE_HINT = "run './pagerboy vm trace --help' for usage\n";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vm(String... args) {
        out.reset();
        err.reset();
        return VmCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errLines() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void handlerTestRejectsBadOptionsWithExitTwoAndUsage(@TempDir Path dir) throws Exception {
        String alerts = Files.writeString(dir.resolve("a.jsonl"), "").toString();

        assertThat(vm("handler", "test", "route-by-label", "--alerts")).isEqualTo(2);
        assertThat(errLines())
                .isEqualTo(
                        "pagerboy vm handler test: Missing required parameter for option"
                                + " '--alerts' (FILE.jsonl)\n"
                                + HANDLER_HINT);
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--fast"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Unknown option: '--fast'")
                .endsWith(HANDLER_HINT);
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--state", "00"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Unknown option")
                .contains("'--state'");
        assertThat(vm("handler", "test", "route-by-label", "other", "--alerts", alerts))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Unmatched argument")
                .contains("'other'");
        assertThat(vm("handler", "test", "route-by-label")).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Missing required option: '--alerts");
        assertThat(vm("handler", "test", "--alerts", alerts)).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Missing required parameter: 'HANDLER'");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--budget", "0"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Invalid value for option '--budget'")
                .contains("got '0'");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--budget", "x"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: Invalid value for option '--budget'")
                .endsWith(HANDLER_HINT);
        assertThat(errLines().lines()).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void missingFilesAreNamedOnceWithWhatIsMissing(@TempDir Path dir) {
        Path nothing = dir.resolve("nothing.jsonl");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", nothing.toString()))
                .isEqualTo(2);
        assertThat(errLines())
                .isEqualTo("pagerboy vm handler test: --alerts: no such file: " + nothing + "\n");
        assertThat(vm("trace", dir.resolve("x.gb").toString(), "--alert", nothing.toString()))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: HANDLER: no such file: " + dir.resolve("x.gb"))
                .doesNotContain("Exception");
    }

    @Test
    void traceRejectsBadOptionsWithExitTwoAndUsage(@TempDir Path dir) throws Exception {
        String alert = Files.writeString(dir.resolve("a.json"), "{}").toString();

        assertThat(vm("trace", "route-by-label", "--alert")).isEqualTo(2);
        assertThat(errLines())
                .isEqualTo(
                        "pagerboy vm trace: Missing required parameter for option '--alert'"
                                + " (ALERT.json)\n"
                                + TRACE_HINT);
        assertThat(vm("trace", "route-by-label", "--alerts", alert)).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: Unknown option")
                .contains("'--alerts'");
        assertThat(vm("trace", "route-by-label", "--alert", alert, "--state", "zz")).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: Invalid value for option '--state'")
                .endsWith(TRACE_HINT);
        assertThat(vm("trace", "--alert", alert)).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: Missing required parameter: 'HANDLER'");
        assertThat(vm("trace", "route-by-label", "--alert", alert, "--budget", "-5")).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: Invalid value for option '--budget'")
                .contains("'-5'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
