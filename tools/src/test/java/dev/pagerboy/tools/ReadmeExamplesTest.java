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
 * Runs the README's examples exactly as written, from the project root, so the README and what
 * works cannot drift apart. The examples are the lines of every {@code bash} block that follows a
 * {@code <!-- readme-examples -->} comment, in order (comments skipped, {@code \\} continuations
 * joined):
 *
 * <ul>
 *   <li>{@code ./pagerboy stack} starts in the background; the Kafka address and RPC URL it prints
 *       replace the README's placeholders {@code 127.0.0.1:PORT} and {@code
 *       http://127.0.0.1:RPC_PORT} in the later lines;
 *   <li>{@code ./pagerboy job} (the live job) runs in the background for {@link #JOB_RUN_SECONDS}
 *       (issue 12's two minutes), with its heap read over JMX every {@link #HEAP_SAMPLE_SECONDS}
 *       and kept under {@link #HEAP_LIMIT_BYTES}; its status line must count the input it read;
 *       then it gets SIGTERM and must end within 10 s, with no stack trace;
 *   <li>every other line runs in {@code bash} and must end with status 0 within {@link
 *       #COMMAND_TIMEOUT_SECONDS}.
 * </ul>
 *
 * The examples' scratch folder, {@code /tmp/pagerboy-try}, is emptied first, so a job example
 * starts fresh rather than resuming from an earlier run's checkpoints.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of(System.getProperty("pagerboy.root", ".."));
    private static final Path SCRATCH = Path.of("/tmp/pagerboy-try");
    private static final String MARKER = "<!-- readme-examples -->";
    private static final String KAFKA_PLACEHOLDER = "127.0.0.1:PORT";
    private static final String RPC_PLACEHOLDER = "http://127.0.0.1:RPC_PORT";
    private static final int JOB_RUN_SECONDS = 120;
    private static final int HEAP_SAMPLE_SECONDS = 2;
    private static final long HEAP_LIMIT_BYTES = 1L << 30;
    private static final Pattern STATUS_IN = Pattern.compile("^in ([0-9,]+) \\|");
    private static final int COMMAND_TIMEOUT_SECONDS = 300;
    private static final Pattern PRINTED =
            Pattern.compile("^(bootstrap\\.servers|rpc\\.url)=(\\S+)$");

    private final List<Process> background = new ArrayList<>();
    private String kafka = KAFKA_PLACEHOLDER;
    private String rpc = RPC_PLACEHOLDER;

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
        deleteRecursively(SCRATCH);
        List<String> examples = examples(Files.readString(ROOT.resolve("README.md")));
        assertThat(examples).as("README examples after " + MARKER).hasSizeGreaterThan(5);
        for (String example : examples) {
            String line = example.replace(KAFKA_PLACEHOLDER, kafka).replace(RPC_PLACEHOLDER, rpc);
            if (line.startsWith("./pagerboy stack")) {
                startStack(line);
            } else if (line.startsWith("./pagerboy job ") || line.equals("./pagerboy job")) {
                runJobThenStop(line);
            } else {
                runToCompletion(line);
            }
        }
    }

    /** The command lines of the bash blocks that follow the marker, comments removed. */
    static List<String> examples(String readme) {
        List<String> lines = new ArrayList<>();
        boolean armed = false;
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : readme.lines().toList()) {
            String line = raw.strip();
            if (line.equals(MARKER)) {
                armed = true;
            } else if (armed && !inBlock && line.startsWith("```bash")) {
                inBlock = true;
            } else if (inBlock && line.startsWith("```")) {
                inBlock = false;
                armed = false;
            } else if (inBlock && !line.isEmpty() && !line.startsWith("#")) {
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1);
                    continue;
                }
                pending.append(line);
                String command = pending.toString();
                int comment = command.indexOf("  #");
                lines.add((comment > 0 ? command.substring(0, comment) : command).strip());
                pending.setLength(0);
            }
        }
        return lines;
    }

    private void startStack(String line) throws Exception {
        Process stack = start(line);
        background.add(stack);
        BlockingQueue<String> out = pump(stack);
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline
                && (kafka.equals(KAFKA_PLACEHOLDER) || rpc.equals(RPC_PLACEHOLDER))) {
            String printed = out.poll(1, TimeUnit.SECONDS);
            if (printed != null) {
                seen.add(printed);
                Matcher m = PRINTED.matcher(printed);
                if (m.matches() && m.group(1).equals("bootstrap.servers")) {
                    kafka = m.group(2);
                } else if (m.matches()) {
                    rpc = m.group(2);
                }
            }
            assertThat(stack.isAlive()).as("./pagerboy stack exited early: " + seen).isTrue();
        }
        assertThat(kafka)
                .as("./pagerboy stack printed its addresses: " + seen)
                .isNotEqualTo(KAFKA_PLACEHOLDER);
    }

    private void runJobThenStop(String line) throws Exception {
        Process job = start(line);
        BlockingQueue<String> out = pump(job);
        long peakHeap = 0;
        try (JvmHeap heap = attach(job, out)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOB_RUN_SECONDS);
            while (System.nanoTime() < end) {
                assertThat(job.waitFor(HEAP_SAMPLE_SECONDS, TimeUnit.SECONDS))
                        .as("the live job ended by itself: " + out)
                        .isFalse();
                peakHeap = Math.max(peakHeap, heap.used());
            }
        }
        long stopping = System.nanoTime();
        job.destroy(); // SIGTERM, as Ctrl-C or a service manager would
        assertThat(job.waitFor(10, TimeUnit.SECONDS)).as("ends within 10 s of SIGTERM").isTrue();
        System.out.printf(
                "README live job: heap peak %d MiB over %d s, ended %d ms after SIGTERM%n",
                peakHeap >> 20,
                JOB_RUN_SECONDS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        assertThat(peakHeap).as("heap in use, sampled every 2 s").isLessThan(HEAP_LIMIT_BYTES);
        String printed = String.join("\n", out);
        assertThat(printed).contains("pagerboy job:").doesNotContain("Exception", "\tat ");
        assertThat(recordsIn(out)).as("records in, on the last status line: " + out).isPositive();
    }

    /**
     * The job's JVM, once it has said where it runs. The process is the launcher ({@code bash},
     * which may first build what changed) until it execs {@code java}, and attaching sends the
     * process SIGQUIT, which ends a shell or a JVM that has not yet set up its signal handlers: so
     * attach only after the job's first line.
     */
    private static JvmHeap attach(Process job, BlockingQueue<String> out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_TIMEOUT_SECONDS);
        while (out.stream().noneMatch(l -> l.startsWith("pagerboy job: parallelism"))) {
            assertThat(System.nanoTime()).as("the job started: " + out).isLessThan(deadline);
            assertThat(job.waitFor(1, TimeUnit.SECONDS))
                    .as("the live job ended by itself: " + out)
                    .isFalse();
        }
        assertThat(job.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("java"));
        return JvmHeap.attach(job.pid());
    }

    /** The input count on the last status line in {@code out}, or -1 without one. */
    private static long recordsIn(BlockingQueue<String> out) {
        long in = -1;
        for (String printed : out) {
            Matcher m = STATUS_IN.matcher(printed);
            if (m.find()) {
                in = Long.parseLong(m.group(1).replace(",", ""));
            }
        }
        return in;
    }

    private static void runToCompletion(String line) throws Exception {
        Process p = start(line);
        BlockingQueue<String> out = pump(p);
        assertThat(p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as(line + " did not end")
                .isTrue();
        assertThat(p.exitValue()).as(line + "\n" + String.join("\n", out)).isZero();
    }

    /**
     * Runs {@code line} in bash from the project root; {@code exec} makes the example itself (the
     * launcher, which execs java) the process that gets SIGTERM.
     */
    private static Process start(String line) throws IOException {
        return new ProcessBuilder("bash", "-c", "exec " + line)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
