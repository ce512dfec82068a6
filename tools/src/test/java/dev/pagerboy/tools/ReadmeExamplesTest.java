package dev.pagerboy.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the README's "after the demo" examples exactly as written, through {@code ./pagerboy}, so
 * the README and what works cannot drift apart. The examples are the {@code ./pagerboy} lines of
 * every {@code bash} block that follows a {@code <!-- readme-examples -->} comment, in order:
 *
 * <ul>
 *   <li>{@code ./pagerboy stack} starts in the background; the address it prints replaces {@code
 *       127.0.0.1:9092} in the later lines (the README's address for a stack on its default port);
 *   <li>{@code ./pagerboy job} (the live job) runs in the background for {@link #JOB_RUN_SECONDS},
 *       then gets SIGTERM and must end within 10 s, with no stack trace;
 *   <li>every other line must end with status 0 within {@link #COMMAND_TIMEOUT_SECONDS}.
 * </ul>
 *
 * Each runs in a scratch copy of nothing: the working directory is the project root, as for a user.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of(System.getProperty("pagerboy.root", ".."));
    private static final String MARKER = "<!-- readme-examples -->";
    private static final String README_KAFKA = "127.0.0.1:9092";
    private static final int JOB_RUN_SECONDS = 40;
    private static final int COMMAND_TIMEOUT_SECONDS = 300;
    private static final Pattern BOOTSTRAP = Pattern.compile("^bootstrap\\.servers=(\\S+)$");

    private final List<Process> background = new ArrayList<>();

    @AfterEach
    void stopBackground() throws InterruptedException {
        for (Process p : background) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void everyExampleRunsAsWritten() throws Exception {
        List<String> examples = examples(Files.readString(ROOT.resolve("README.md")));
        assertThat(examples).as("README examples after " + MARKER).isNotEmpty();
        String kafka = README_KAFKA;
        for (String example : examples) {
            String line = example.replace(README_KAFKA, kafka);
            List<String> words = List.of(line.split("\\s+"));
            switch (words.get(1)) {
                case "stack" -> kafka = startStack(words);
                case "job" -> runJobThenStop(words);
                default -> runToCompletion(words);
            }
        }
    }

    /** The {@code ./pagerboy} lines of the bash blocks that follow the marker, comments removed. */
    static List<String> examples(String readme) {
        List<String> lines = new ArrayList<>();
        boolean armed = false;
        boolean inBlock = false;
        for (String raw : readme.lines().toList()) {
            String line = raw.strip();
            if (line.equals(MARKER)) {
                armed = true;
            } else if (armed && !inBlock && line.startsWith("```bash")) {
                inBlock = true;
            } else if (inBlock && line.startsWith("```")) {
                inBlock = false;
                armed = false;
            } else if (inBlock && line.startsWith("./pagerboy ")) {
                int comment = line.indexOf(" #");
                lines.add((comment > 0 ? line.substring(0, comment) : line).strip());
            }
        }
        return lines;
    }

    private String startStack(List<String> words) throws Exception {
        Process stack = start(words);
        background.add(stack);
        BlockingQueue<String> out = pump(stack);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String line = out.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher m = BOOTSTRAP.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
            assertThat(stack.isAlive()).as("./pagerboy stack exited early: " + out).isTrue();
        }
        throw new AssertionError("./pagerboy stack printed no bootstrap.servers line: " + out);
    }

    private void runJobThenStop(List<String> words) throws Exception {
        Process job = start(words);
        BlockingQueue<String> out = pump(job);
        assertThat(job.waitFor(JOB_RUN_SECONDS, TimeUnit.SECONDS))
                .as("the live job ended by itself: " + out)
                .isFalse();
        job.destroy(); // SIGTERM, as Ctrl-C or a service manager would
        assertThat(job.waitFor(10, TimeUnit.SECONDS)).as("ends within 10 s of SIGTERM").isTrue();
        String printed = String.join("\n", out);
        assertThat(printed).contains("pagerboy job:").doesNotContain("Exception", "\tat ");
    }

    private static void runToCompletion(List<String> words) throws Exception {
        Process p = start(words);
        BlockingQueue<String> out = pump(p);
        assertThat(p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as(String.join(" ", words) + " did not end")
                .isTrue();
        Thread.sleep(100); // let the pump take the last lines
        assertThat(p.exitValue())
                .as(String.join(" ", words) + "\n" + String.join("\n", out))
                .isZero();
    }

    private static Process start(List<String> words) throws IOException {
        List<String> command = new ArrayList<>(words);
        command.set(0, ROOT.resolve("pagerboy").toString());
        return new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
    }

    private static BlockingQueue<String> pump(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(), UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        },
                        "readme-example-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
