package dev.pagerboy.audit.replay;

import dev.pagerboy.audit.AuditException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Runs {@code ./pagerboy replay ARGS} in a child JVM and shows its output, progress bar included,
 * as it comes. The replay module runs the job on a Flink MiniCluster, with Flink's logging and
 * Jackson; the shell runs Spring Boot's. STACK.md pitfall 11 keeps them off one class path, so the
 * shell reaches replay through a process, as the launcher starts it for {@code ./pagerboy replay}
 * (which also builds the module on first use).
 *
 * <p>The launcher passes its checkout as {@code -Dpagerboy.root}; without it (the shell started
 * some other way) the replay commands say how to start the shell instead.
 */
@Component
public class ReplayProcess {

    /** How {@code ./pagerboy replay} ended: its exit status decides the shell command's outcome. */
    public enum Outcome {
        /** Exit 0: the report was written, the replay was identical (verify). */
        DONE,
        /** Exit 1: the replay differs from the archive, or failed; replay said how above. */
        DIFFERS_OR_FAILED,
        /** Exit 2 (or another): replay refused its command line or input; its message is above. */
        REFUSED,
        /**
         * Killed by SIGINT or SIGTERM (exit 130, 143): Ctrl-C at the terminal reaches the whole
         * foreground process group, the replay's JVM too, which may end before the shell's own
         * interrupt does.
         */
        STOPPED;

        static Outcome of(int exitStatus) {
            return switch (exitStatus) {
                case 0 -> DONE;
                case 1 -> DIFFERS_OR_FAILED;
                case 130, 143 -> STOPPED;
                default -> REFUSED;
            };
        }
    }

    /** What the shell says when Ctrl-C stopped a replay. */
    public static final String STOPPED_MESSAGE =
            "replay stopped (Ctrl-C); its output so far is above";

    /**
     * {@code setsid}, where there is one (Linux): replay runs in a session of its own, so Ctrl-C at
     * the terminal reaches only the shell, which stops replay itself. Without it the terminal's
     * SIGINT also hits the replay's JVM directly ({@link Outcome#STOPPED}).
     */
    private static final Optional<Path> SETSID =
            Stream.of("/usr/bin/setsid", "/bin/setsid")
                    .map(Path::of)
                    .filter(Files::isExecutable)
                    .findFirst();

    /** The checkout whose launcher runs replay: {@code -Dpagerboy.root}, read at each run. */
    private static Path root() {
        String root = System.getProperty("pagerboy.root");
        return root == null || root.isBlank() ? null : Path.of(root);
    }

    /** The command line that runs replay with {@code args}. */
    static List<String> commandLine(List<String> args) {
        Path root = root();
        if (root == null || !Files.isExecutable(root.resolve("pagerboy"))) {
            throw new AuditException(
                    "replay runs ./pagerboy replay in its own JVM and needs the checkout it is in:"
                            + " start the shell with ./pagerboy audit (no pagerboy launcher under "
                            + (root == null ? "-Dpagerboy.root, which is not set" : root)
                            + ")");
        }
        List<String> line = new ArrayList<>();
        SETSID.ifPresent(setsid -> line.add(setsid.toString()));
        line.add(root.resolve("pagerboy").toAbsolutePath().toString());
        line.add("replay");
        line.addAll(args);
        return line;
    }

    /**
     * Runs replay with {@code args}, copying what it prints (standard output and error, the
     * progress bar's carriage returns too) to {@code screen} as it comes, and waits for it. An
     * interrupt (Ctrl-C in the shell) stops the replay and its JVM, and the shell stays up.
     *
     * <p>The calling thread writes to the screen; two threads only read the process's streams. A
     * terminal fed through a pipe (the shell's tests) stops reading with "Write end dead" once the
     * thread that wrote last has ended and the pipe is empty, and the reading threads end with the
     * replay, before the shell prints its verdict.
     */
    public Outcome run(List<String> args, Writer screen) {
        ProcessBuilder builder = new ProcessBuilder(commandLine(args));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AuditException("cannot start ./pagerboy replay: " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close(); // replay reads no input
        } catch (IOException e) {
            // nothing to close
        }
        BlockingQueue<String> printed = new LinkedBlockingQueue<>();
        Thread out = reader(process.getInputStream(), printed, "replay-stdout");
        Thread err = reader(process.getErrorStream(), printed, "replay-stderr");
        try {
            // Alive first, then empty: a reader's last text is queued before it ends.
            while (out.isAlive() || err.isAlive() || !printed.isEmpty()) {
                String text = printed.poll(50, TimeUnit.MILLISECONDS);
                if (text != null) {
                    screen.write(text);
                    screen.flush();
                }
            }
            return Outcome.of(process.waitFor());
        } catch (IOException e) {
            stop(process);
            throw new UncheckedIOException("cannot show replay's output", e);
        } catch (InterruptedException e) {
            // Ctrl-C, handled here: the interrupt is not passed on, since an interrupted shell
            // thread would read its next line as Ctrl-C at an empty prompt, which quits the shell.
            stop(process);
            throw new AuditException(STOPPED_MESSAGE, e);
        } finally {
            flush(screen);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** A thread that queues what {@code from} gives, as it comes, until its end. */
    private static Thread reader(InputStream from, BlockingQueue<String> printed, String name) {
        Thread t =
                new Thread(
                        () -> {
                            char[] buffer = new char[4096];
                            try (Reader in = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                                for (int n; (n = in.read(buffer)) >= 0; ) {
                                    printed.add(new String(buffer, 0, n));
                                }
                            } catch (IOException e) {
                                // the process was stopped: nothing more to show
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void flush(Writer screen) {
        try {
            screen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
