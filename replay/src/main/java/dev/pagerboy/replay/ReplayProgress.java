package dev.pagerboy.replay;

import dev.pagerboy.streaming.replay.ReplayCounter;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The replay's progress bar: records done out of the total, events/s and the time left, for the two
 * phases (reading the archive, running the pipeline).
 *
 * <p>The pipeline's sources count the records they hand to the pipeline in a counter shared by this
 * JVM ({@link ReplayCounter}). A local replay runs the job on a MiniCluster inside this JVM, so the
 * bar sees the count as it grows; on a cluster the task managers count in their own JVMs and the
 * client shows only the final summary. The counters are progress only: no decision reads them.
 */
public final class ReplayProgress implements AutoCloseable {

    private final String id;
    private final PrintStream out;
    private final boolean enabled;
    private ProgressBar bar;

    public ReplayProgress(String id, PrintStream out, boolean enabled) {
        this.id = id;
        this.out = out;
        this.enabled = enabled;
        ReplayCounter.register(id);
    }

    public String id() {
        return id;
    }

    /** Records the sources of this replay have emitted so far (in this JVM). */
    public long replayed() {
        return ReplayCounter.count(id);
    }

    /** Starts a phase with {@code total} steps named {@code task}. */
    public void start(String task, long total, String unit) {
        finishPhase();
        if (!enabled) {
            return;
        }
        bar =
                new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" " + unit, 1)
                        .showSpeed()
                        .setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(out))
                        .build();
    }

    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    private void finishPhase() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** One line at the end: what was replayed, how fast (the job alone, and all of it). */
    public static String summary(long inputs, long rows, Duration took, Duration jobTime) {
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        double jobSeconds = Math.max(jobTime.toMillis(), 1) / 1000.0;
        return String.format(
                "replayed %,d inputs in %.1f s (the pipeline %.1f s: %,.0f events/s); the replay"
                        + " wrote %,d decision and output rows",
                inputs, seconds, jobSeconds, inputs / jobSeconds, rows);
    }

    @Override
    public void close() {
        finishPhase();
        ReplayCounter.unregister(id);
    }
}
