package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.RootConflictException;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of anchoring: sends each {@link AnchorCommittable.Step#ANCHOR} batch to {@code
 * AlertLedger.anchor}, which stores a batch id once and answers "already anchored" after that, so a
 * commit Flink repeats after a restore never anchors twice.
 *
 * <p>A chain that stays down through {@link AnchorRetry} must not fail the job, so the request is
 * let go ({@code signalFailedWithKnownReason}: Flink neither retries nor fails) and the writer,
 * which still holds the batch in its backlog, offers it again at the next checkpoint. {@link
 * AnchorCommittable.Step#REPORT} needs no work here: it only passes through to become receipts.
 */
final class AnchorCommitter implements Committer<AnchorCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorCommitter.class);

    private final LedgerConnector connector;
    private final AnchorRetry retry;
    private final Counter anchored;
    private final Counter alreadyAnchored;
    private final Counter deferred;
    private LedgerClient ledger;

    AnchorCommitter(LedgerConnector connector, AnchorRetry retry, MetricGroup operator) {
        this.connector = connector;
        this.retry = retry;
        MetricGroup metrics = operator.addGroup("pagerboy").addGroup("anchor");
        this.anchored = metrics.counter("batchesAnchored");
        this.alreadyAnchored = metrics.counter("batchesAlreadyAnchored");
        this.deferred = metrics.counter("anchorsDeferred");
    }

    @Override
    public void commit(Collection<CommitRequest<AnchorCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<AnchorCommittable> request : requests) {
            AnchorCommittable c = request.getCommittable();
            if (c.step() == AnchorCommittable.Step.ANCHOR) {
                anchor(request, c.batch());
            }
        }
    }

    private void anchor(CommitRequest<AnchorCommittable> request, AckBatch batch)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                AnchorReceipt receipt = ledger().anchor(batch.toAnchor());
                (receipt.newlyAnchored() ? anchored : alreadyAnchored).inc();
                return;
            } catch (RootConflictException e) {
                // Content-addressed ids make this impossible short of a hash collision or a
                // foreign writer; retrying cannot help and the job must go on paging.
                LOG.error("anchoring: {}", e.getMessage());
                request.signalFailedWithKnownReason(e);
                return;
            } catch (LedgerException e) {
                dropClient();
                if (attempt >= retry.attempts()) {
                    deferred.inc();
                    LOG.warn(
                            "anchoring: batch {} ({} acks) not anchored after {} attempts, the"
                                    + " writer offers it again at the next checkpoint: {}",
                            batch.batchId(),
                            batch.size(),
                            attempt,
                            e.getMessage());
                    request.signalFailedWithKnownReason(e);
                    return;
                }
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            }
        }
    }

    private LedgerClient ledger() {
        if (ledger == null) {
            ledger = connector.connect();
        }
        return ledger;
    }

    private void dropClient() {
        if (ledger != null) {
            try {
                ledger.close();
            } catch (RuntimeException e) {
                LOG.debug("anchoring: closing a failed ledger client", e);
            }
            ledger = null;
        }
    }

    @Override
    public void close() {
        dropClient();
    }
}
