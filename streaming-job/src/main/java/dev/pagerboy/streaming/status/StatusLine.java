package dev.pagerboy.streaming.status;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Prints the job's {@link JobProgress} every few seconds while it runs. On a terminal the line is
 * rewritten in place; otherwise (a log file, a pipe) each update is a plain line, so no carriage
 * returns or escape codes end up in files.
 */
public final class StatusLine implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private int lastLength;

    private StatusLine(PrintStream out, boolean terminal, Duration every, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.thread = new Thread(() -> loop(every), "pagerboy-status-line");
        this.thread.setDaemon(true);
    }

    /** Starts printing to {@code out} every {@code every}; {@code terminal} rewrites in place. */
    public static StatusLine start(PrintStream out, boolean terminal, Duration every) {
        StatusLine line = new StatusLine(out, terminal, every, Clock.systemUTC());
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
                print(JobProgress.of(MetricsBoard.snapshot()).line(clock.instant()));
            }
        }
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
