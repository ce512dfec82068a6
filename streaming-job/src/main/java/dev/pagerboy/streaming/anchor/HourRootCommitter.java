package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.RootConflictException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of hour-root anchoring: {@code AlertLedger.anchor} for each root, with {@link
 * AnchorRetry}'s few quick attempts. As for ack batches ({@link AnchorCommitter}), a chain that
 * stays down lets the request go without failing the job; the writer still holds the root and
 * offers it again at the next checkpoint.
 */
final class HourRootCommitter implements Committer<ArchiveHourRoot> {

    private static final Logger LOG = LoggerFactory.getLogger(HourRootCommitter.class);

    private final LedgerSession ledger;
    private final AnchorRetry retry;
    private final Counter anchored;
    private final Counter alreadyAnchored;

    HourRootCommitter(LedgerSession ledger, AnchorRetry retry, MetricGroup operator) {
        this.ledger = ledger;
        this.retry = retry;
        MetricGroup metrics = operator.addGroup("pagerboy").addGroup("anchor");
        this.anchored = metrics.counter("hourRootsAnchored");
        this.alreadyAnchored = metrics.counter("hourRootsAlreadyAnchored");
    }

    @Override
    public void commit(Collection<CommitRequest<ArchiveHourRoot>> requests)
            throws InterruptedException {
        for (CommitRequest<ArchiveHourRoot> request : requests) {
            anchor(request, request.getCommittable());
        }
    }

    private void anchor(CommitRequest<ArchiveHourRoot> request, ArchiveHourRoot root)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                AnchorReceipt receipt = ledger.client().anchor(root.toAnchor());
                (receipt.newlyAnchored() ? anchored : alreadyAnchored).inc();
                return;
            } catch (RootConflictException e) {
                // The id names an hour and generation: another root under it means the archive
                // differs from what was anchored before; archive verify names the rows.
                LOG.error("anchoring: hour root: {}", e.getMessage());
                request.signalFailedWithKnownReason(e);
                return;
            } catch (LedgerException e) {
                ledger.drop();
                if (attempt >= retry.attempts()) {
                    LOG.warn(
                            "anchoring: hour root {} not anchored after {} attempts, the writer"
                                    + " offers it again at the next checkpoint: {}",
                            root.batchId(),
                            attempt,
                            e.getMessage());
                    request.signalFailedWithKnownReason(e);
                    return;
                }
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            }
        }
    }

    @Override
    public void close() {
        ledger.close();
    }
}
