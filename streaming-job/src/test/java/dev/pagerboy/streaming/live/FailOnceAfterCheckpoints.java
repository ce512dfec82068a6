package dev.pagerboy.streaming.live;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records through slowly and throws exactly once (per JVM), on the first record it sees
 * after {@code checkpoints} checkpoints have completed. Chained to a source, its pauses also slow
 * the source, so checkpoints happen between records of even a small stream; once it has thrown it
 * stops pausing.
 */
final class FailOnceAfterCheckpoints<T> extends RichMapFunction<T, T>
        implements CheckpointListener {

    static final String MESSAGE = "injected failure after completed checkpoints";

    /** Set once the failure has been thrown; a test resets it before it runs. */
    static final AtomicBoolean THROWN = new AtomicBoolean();

    private final int checkpoints;
    private final long pauseMillis;
    private int completed;

    FailOnceAfterCheckpoints(int checkpoints, long pauseMillis) {
        this.checkpoints = checkpoints;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public T map(T record) throws Exception {
        if (THROWN.get()) {
            return record; // after the failure: full speed, the restored job just catches up
        }
        Thread.sleep(pauseMillis);
        if (completed >= checkpoints && THROWN.compareAndSet(false, true)) {
            throw new IllegalStateException(MESSAGE);
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        completed++;
    }
}
