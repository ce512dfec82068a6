package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started process, run to its end within a time limit, and what it printed. Its output is read on
 * another thread while this one waits, so a process that hangs is killed at the limit instead of
 * holding the caller in a read that never ends.
 *
 * @param exitCode the process's exit status
 * @param output what it printed (start it with stderr redirected to stdout to have both)
 */
public record ProcessOutput(int exitCode, String output) {

    /**
     * Waits for {@code process} to end and returns what it printed.
     *
     * @param what how messages name the process ({@code "flink run -d …"}, {@code "jcmd 42 …"})
     * @throws IllegalStateException if it does not end within {@code timeout} (it is killed; the
     *     message has what it printed so far), or if this thread is interrupted (also killed)
     */
    public static ProcessOutput await(Process process, Duration timeout, String what) {
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        what
                                + " did not finish in "
                                + timeout
                                + "\n"
                                + output.getNow("(no output yet)"));
            }
            return new ProcessOutput(process.exitValue(), output.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private static String read(Process p) {
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
