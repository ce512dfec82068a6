package dev.pagerboy.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
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
        Reader output = new Reader(process.getInputStream(), what);
        output.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                output.join(TimeUnit.SECONDS.toMillis(5)); // the pipe ends with the process
                String soFar = output.soFar();
                throw new IllegalStateException(
                        what
                                + " did not finish in "
                                + timeout
                                + "\n"
                                + (soFar.isEmpty() ? "(no output yet)" : soFar));
            }
            output.join(TimeUnit.SECONDS.toMillis(30)); // bounded: a child may hold the pipe open
            return new ProcessOutput(process.exitValue(), output.soFar());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    /**
     * Reads a process's output on its own thread, keeping what it has read so far. Not on {@code
     * CompletableFuture}'s default executor: with more than two cores that is the common pool, and
     * a read queued behind busy pool tasks left the process blocked on a full pipe until the limit.
     */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();

        Reader(InputStream in, String what) {
            super("output of " + what);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) != -1; ) {
                    synchronized (read) {
                        read.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                synchronized (read) {
                    byte[] note = ("(output unreadable: " + e + ")").getBytes(UTF_8);
                    read.write(note, 0, note.length);
                }
            }
        }

        String soFar() {
            synchronized (read) {
                return read.toString(UTF_8);
            }
        }
    }
}
