package dev.pagerboy.streaming.live;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Passes records through slowly and, once per JVM, holds its task inside the first checkpoint that
 * starts after {@code checkpoints} checkpoints have completed, until that checkpoint expires. An
 * expired checkpoint fails the whole job (a global failover, as in the long-history runs whose
 * checkpoints expired behind a timer storm), which restores every operator, including the Kafka
 * source's split enumerator, from the last completed checkpoint. A failure thrown by a task instead
 * restarts its region and gives the enumerator back the failed readers' splits, a different path.
 * Chained to a source, its pauses also slow the source, so checkpoints happen between records of
 * even a small stream; once it has held a checkpoint it stops pausing.
 */
final class ExpireOneCheckpoint<T> extends RichMapFunction<T, T>
        implements CheckpointedFunction, CheckpointListener {

    /** Set once a checkpoint has been held past its timeout; a test resets it before it runs. */
    static final AtomicBoolean HELD = new AtomicBoolean();

    /** Set when an instance starts from a checkpoint; a test resets it before it runs. */
    static final AtomicBoolean RESTORED = new AtomicBoolean();

    private final int checkpoints;
    private final long pauseMillis;
    private final long holdMillis;
    private int completed;

    /**
     * @param holdMillis how long to hold the checkpoint: longer than the checkpoint timeout
     */
    ExpireOneCheckpoint(int checkpoints, long pauseMillis, long holdMillis) {
        this.checkpoints = checkpoints;
        this.pauseMillis = pauseMillis;
        this.holdMillis = holdMillis;
    }

    @Override
    public T map(T record) throws Exception {
        if (!HELD.get()) {
            Thread.sleep(pauseMillis);
        }
        return record;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (completed >= checkpoints && HELD.compareAndSet(false, true)) {
            // The checkpoint coordinator expires the checkpoint and fails the job meanwhile; the
            // cancellation interrupts this sleep.
            Thread.sleep(holdMillis);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        if (context.isRestored()) {
            RESTORED.set(true);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        completed++;
    }
}
