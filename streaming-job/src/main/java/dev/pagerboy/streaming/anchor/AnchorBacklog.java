package dev.pagerboy.streaming.anchor;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The un-anchored backlog of one sink subtask, as gauges: {@code anchorBacklogBatches} (sealed
 * batches not yet seen on the chain) and {@code anchorBacklogLeaves} (their acknowledgments plus
 * those received since the last checkpoint, not yet in a batch). Normally one batch per subtask
 * between two checkpoints; growing means the chain is not taking anchors (down, or the job's
 * account is not a writer). Written by the task thread, read by the metric reporter.
 */
final class AnchorBacklog {

    private volatile long batches;
    private volatile long sealedLeaves;
    private volatile long pendingLeaves;

    static AnchorBacklog registeredOn(MetricGroup group) {
        AnchorBacklog backlog = new AnchorBacklog();
        group.gauge("anchorBacklogBatches", (Gauge<Long>) () -> backlog.batches);
        group.gauge("anchorBacklogLeaves", (Gauge<Long>) backlog::leaves);
        return backlog;
    }

    void set(long batches, long sealedLeaves, long pendingLeaves) {
        this.batches = batches;
        this.sealedLeaves = sealedLeaves;
        this.pendingLeaves = pendingLeaves;
    }

    void addReceived(int n) {
        pendingLeaves += n;
    }

    long batches() {
        return batches;
    }

    long leaves() {
        return sealedLeaves + pendingLeaves;
    }
}
