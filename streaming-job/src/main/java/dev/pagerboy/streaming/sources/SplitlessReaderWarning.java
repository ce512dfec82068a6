package dev.pagerboy.streaming.sources;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source reader that says so when it has no split to read: a reader without a split emits no
 * watermark, so event time downstream stands still, and nothing else would show why. If the reader
 * has been given no split and no "no more splits" for {@code after} since it started, it logs a
 * warning and counts it ({@code pagerboy.source.readersWithoutSplit}); the gauge {@code
 * pagerboy.source.assignedSplits} shows the splits it was given. Monitoring only: it reads the wall
 * clock, never decides anything, and passes every call through unchanged.
 */
final class SplitlessReaderWarning<T, S extends org.apache.flink.api.connector.source.SourceSplit>
        implements SourceReader<T, S> {

    private static final Logger LOG = LoggerFactory.getLogger(SplitlessReaderWarning.class);

    private final SourceReader<T, S> reader;
    private final Duration after;
    private final String name;
    private final Counter warnings;
    private volatile int assignedSplits;
    private volatile boolean noMoreSplits;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> check;

    SplitlessReaderWarning(
            SourceReader<T, S> reader, Duration after, String name, MetricGroup metrics) {
        this.reader = reader;
        this.after = after;
        this.name = name;
        MetricGroup group = metrics.addGroup("pagerboy").addGroup("source");
        group.gauge("assignedSplits", () -> assignedSplits);
        this.warnings = group.counter("readersWithoutSplit");
    }

    @Override
    public void start() {
        reader.start();
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "split watch: " + name);
                            t.setDaemon(true);
                            return t;
                        });
        check = timer.schedule(this::warnIfSplitless, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    void warnIfSplitless() {
        if (assignedSplits == 0 && !noMoreSplits) {
            warnings.inc();
            LOG.warn(
                    "{} has had no split to read for {} since it started: it emits no watermark,"
                            + " so event time does not advance downstream. Check the source's"
                            + " partitions and its split assignment.",
                    name,
                    after);
        }
    }

    @Override
    public void addSplits(List<S> splits) {
        assignedSplits += splits.size();
        reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        reader.notifyNoMoreSplits();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        return reader.pollNext(output);
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return reader.isAvailable();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        reader.handleSourceEvents(sourceEvent);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        reader.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        if (check != null) {
            check.cancel(false);
            timer.shutdownNow();
        }
        reader.close();
    }
}
