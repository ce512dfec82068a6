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
 * line saying what is wrong and the command's usage, never a stack trace.
 */
class HandlerCommandOptionsTest {

    private static final String HANDLER_USAGE =
            "usage: ./pagerboy vm handler test HANDLER.gb|LIBRARY_NAME --alerts FILE.jsonl"
                    + " [--budget N]";
    private static final String TRACE_USAGE =
            "usage: ./pagerboy vm trace HANDLER.gb|LIBRARY_NAME --alert ALERT.json [--state HEX]"
                    + " [--budget N]";

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
                        "pagerboy vm handler test: --alerts needs a value\n"
                                + HANDLER_USAGE
                                + "\n");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--fast"))
                .isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm handler test: unexpected argument '--fast'");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--state", "00"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: unexpected argument '--state'");
        assertThat(vm("handler", "test", "route-by-label", "other", "--alerts", alerts))
                .isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm handler test: unexpected argument 'other'");
        assertThat(vm("handler", "test", "route-by-label")).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: a handler ROM and --alerts are required\n");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--budget", "0"))
                .isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm handler test: --budget must be positive\n");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", alerts, "--budget", "x"))
                .isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm handler test: ")
                .endsWith(HANDLER_USAGE + "\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void traceRejectsBadOptionsWithExitTwoAndUsage(@TempDir Path dir) throws Exception {
        String alert = Files.writeString(dir.resolve("a.json"), "{}").toString();

        assertThat(vm("trace", "route-by-label", "--alert")).isEqualTo(2);
        assertThat(errLines())
                .isEqualTo("pagerboy vm trace: --alert needs a value\n" + TRACE_USAGE + "\n");
        assertThat(vm("trace", "route-by-label", "--alerts", alert)).isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm trace: unexpected argument '--alerts'");
        assertThat(vm("trace", "route-by-label", "--alert", alert, "--state", "zz")).isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm trace: ").endsWith(TRACE_USAGE + "\n");
        assertThat(vm("trace", "--alert", alert)).isEqualTo(2);
        assertThat(errLines())
                .startsWith("pagerboy vm trace: a handler ROM and --alert are required\n");
        assertThat(vm("trace", "route-by-label", "--alert", alert, "--budget", "-5")).isEqualTo(2);
        assertThat(errLines()).startsWith("pagerboy vm trace: --budget must be positive\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
