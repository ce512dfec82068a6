package dev.pagerboy.streaming.anchor;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The un-anchored backlog of one sink subtask, as gauges: {@code pagerboy.anchor.backlogBatches}
 * (sealed batches not yet seen on the chain) and {@code pagerboy.anchor.backlogLeaves} (their
 * acknowledgments plus those received since the last checkpoint, not yet in a batch). Normally one
 * batch per subtask between two checkpoints; growing means the chain is not taking anchors (down,
 * or the job's account is not a writer). Written by the task thread, read by the metric reporter.
 */
final class AnchorBacklog {

    private volatile long batches;
    private volatile long sealedLeaves;
    private volatile long pendingLeaves;

    static AnchorBacklog registeredOn(MetricGroup group) {
        AnchorBacklog backlog = new AnchorBacklog();
        MetricGroup anchor = group.addGroup("pagerboy").addGroup("anchor");
        anchor.gauge("backlogBatches", (Gauge<Long>) () -> backlog.batches);
        anchor.gauge("backlogLeaves", (Gauge<Long>) backlog::leaves);
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
