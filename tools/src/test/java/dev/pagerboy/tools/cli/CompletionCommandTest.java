package dev.pagerboy.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pagerboy completion}'s script, loaded into a real bash and asked to complete. */
@Timeout(60)
class CompletionCommandTest {

    @TempDir Path dir;

    @Test
    void completesCommandsOptionsAndValuesFromTheDeclarations() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status =
                PagerBoyCommand.run(
                        new String[] {"completion"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        Path script =
                Files.writeString(
                        dir.resolve("pagerboy.bash"), out.toString(StandardCharsets.UTF_8));

        assertThat(complete(script, "./pagerboy", ""))
                .contains("demo", "job", "vm", "ledger", "audit", "completion");
        assertThat(complete(script, "./pagerboy", "audit", "--scr")).isEqualTo("--script");
        assertThat(complete(script, "./pagerboy", "vm", "r")).isEqualTo("run");
        assertThat(complete(script, "./pagerboy", "job", "--restart-d"))
                .isEqualTo("--restart-delay");
        assertThat(complete(script, "./pagerboy", "vm", "handler", "test", "sev"))
                .isEqualTo("severity");
        assertThat(complete(script, "./pagerboy", "datasets", "generate", "--format", "pager"))
                .isEqualTo("pagerduty");
    }

    /** What bash offers for the last word of {@code words}. */
    private String complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        String line = String.join(" ", words);
        String program =
                "source '"
                        + script
                        + "' 2>/dev/null; COMP_WORDS=("
                        + array
                        + "); COMP_CWORD="
                        + (words.length - 1)
                        + "; COMP_LINE='"
                        + line
                        + "'; COMP_POINT=${#COMP_LINE}; _complete_pagerboy 2>/dev/null;"
                        + " echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String result =
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return result;
    }
}
