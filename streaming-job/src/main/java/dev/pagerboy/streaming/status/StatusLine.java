package dev.pagerboy.streaming.status;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the job's {@link JobProgress} every few seconds while it runs. On a terminal the line is
 * rewritten in place; otherwise (a log file, a pipe) each update is a plain line, so no carriage
 * returns or escape codes end up in files.
 */
public final class StatusLine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final Thread thread;
    private final EventTimeStall stall;
    private boolean warned;
    private volatile boolean running = true;
    private int lastLength;

    private StatusLine(
            PrintStream out, boolean terminal, Duration every, Duration stallAfter, Clock clock) {
        this.out = out;
        this.stall = new EventTimeStall(stallAfter);
        this.terminal = terminal;
        this.clock = clock;
        this.thread = new Thread(() -> loop(every), "pagerboy-status-line");
        this.thread.setDaemon(true);
    }

    /**
     * Starts printing to {@code out} every {@code every}; {@code terminal} rewrites in place. When
     * event time stands still for {@code stallAfter} while input waits ({@link EventTimeStall}),
     * the line says so and the log gets a warning, once per stall.
     */
    public static StatusLine start(
            PrintStream out, boolean terminal, Duration every, Duration stallAfter) {
        StatusLine line = new StatusLine(out, terminal, every, stallAfter, Clock.systemUTC());
        line.thread.start();
        return line;
    }

    private void loop(Duration every) {
        while (running) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                update(JobProgress.of(MetricsBoard.snapshot()), clock.instant());
            }
        }
    }

    /** Prints {@code progress}, with a stall warning if event time stands still. */
    synchronized void update(JobProgress progress, Instant now) {
        Optional<Duration> stalled = stall.observe(progress, now);
        String line = progress.line(now);
        if (stalled.isPresent()) {
            String warning = EventTimeStall.warning(stalled.get(), progress);
            if (!warned) {
                LOG.warn(warning);
                if (terminal) {
                    // The rewritten line is too short for the whole warning; print it once whole.
                    print(warning);
                    out.println();
                    lastLength = 0;
                }
                warned = true;
            }
            line += " | EVENT TIME STALLED " + stalled.get().toSeconds() + " s";
        } else {
            warned = false;
        }
        print(line);
    }

    synchronized void print(String text) {
        if (terminal) {
            String padded =
                    text.length() < lastLength
                            ? text + " ".repeat(lastLength - text.length())
                            : text;
            out.print("\r" + padded);
            lastLength = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Stops the updates; on a terminal, ends the rewritten line so later output starts clean. */
    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (terminal && lastLength > 0) {
            out.println();
        }
    }
}
