package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.ledger.LedgerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's side of anchoring: collects accepted acknowledgments, seals them into one {@link
 * AckBatch} per checkpoint (the pre-commit that fixes batch and root) and keeps every sealed batch
 * in its state — the backlog — until it has seen the batch on the chain.
 *
 * <p>Why the writer keeps the backlog and not the committer: Flink drops a committable once its
 * commit returns, and retries a failing one only a few times in a row before failing the job. So a
 * commit that cannot reach the chain gives up quietly, and at the next checkpoint the writer asks
 * the chain about each backlog batch: anchored ⇒ hand it on as {@link
 * AnchorCommittable.Step#REPORT} (becomes receipts, exactly once, because the batch leaves the
 * backlog in the same checkpoint); not anchored or chain unreachable ⇒ offer it again as {@link
 * AnchorCommittable.Step#ANCHOR}. Anchoring is idempotent on the contract, so an offer that races
 * an earlier commit of the same batch costs a view call, never a second {@code Anchored} event.
 *
 * <p>At the end of a bounded input no later checkpoint will confirm anything, so the last
 * pre-commit anchors the backlog itself, waiting for the chain up to {@link
 * #END_OF_INPUT_PATIENCE}, and reports every batch at once. Receipts are made from the writer's
 * REPORTs before the commit ({@link AckAnchorSink#addPreCommitTopology}), so these reach the
 * receipts sink before its input ends and the final checkpoint commits them (finding 8 in
 * docs/RELIABILITY.md: they used to wait for a later run restored from that checkpoint).
 *
 * <p>That anchoring is the one effect no checkpoint confirms, so the writer first writes the
 * batches down in its {@link EndOfInputJournal}. If the final checkpoint fails, the restored writer
 * reads the journal: it takes the batches back into its backlog (reported once the chain shows
 * them) and leaves their acks, read again, out of new batches, which the new attempt's checkpoints
 * would cut differently and the chain would take as new (finding 19).
 */
final class AckAnchorWriter
        implements CommittingSinkWriter<AckLeaf, AnchorCommittable>,
                StatefulSinkWriter<AckLeaf, AckBatch> {

    static final Duration END_OF_INPUT_PATIENCE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(AckAnchorWriter.class);

    private final LedgerConnector connector;
    private final AnchorRetry retry;
    private final AnchorBacklog gauge;
    private final List<AckLeaf> received = new ArrayList<>();
    private final Map<Bytes32, AckBatch> backlog = new LinkedHashMap<>();
    private final EndOfInputJournal journal;

    /** Digests of the acks an end of input anchored already in this job (from the journal). */
    private final Set<Bytes32> anchoredAtAnEnd = new HashSet<>();

    /** The checkpoint this writer's state is based on: the one restored, then each snapshot. */
    private long basedOnCheckpoint;

    private LedgerClient ledger;
    private boolean endOfInput;

    /**
     * @param restored the backlog in the checkpoint restored from
     * @param restoredCheckpoint that checkpoint's id, 0 for a fresh start
     */
    AckAnchorWriter(
            LedgerConnector connector,
            AnchorRetry retry,
            AnchorBacklog gauge,
            Collection<AckBatch> restored,
            EndOfInputJournal journal,
            long restoredCheckpoint)
            throws IOException {
        this.connector = connector;
        this.retry = retry;
        this.gauge = gauge;
        this.journal = journal;
        this.basedOnCheckpoint = restoredCheckpoint;
        restored.forEach(b -> backlog.put(b.batchId(), b));
        takeBackWhatAnEndAnchored(journal.read(), journal.readOtherSubtasks(), restoredCheckpoint);
        publishBacklog();
    }

    @Override
    public void write(AckLeaf leaf, Context context) {
        if (!anchoredAtAnEnd.isEmpty() && anchoredAtAnEnd.contains(leaf.digest())) {
            return; // in a journal batch: on the chain already, or about to be, under its own id
        }
        received.add(leaf);
        gauge.addReceived(1);
    }

    @Override
    public void flush(boolean endOfInput) {
        this.endOfInput |= endOfInput;
    }

    @Override
    public Collection<AnchorCommittable> prepareCommit() throws IOException {
        List<AnchorCommittable> out = new ArrayList<>();
        if (!received.isEmpty()) {
            AckBatch sealed = AckBatch.seal(received);
            received.clear();
            backlog.putIfAbsent(sealed.batchId(), sealed);
        }
        if (endOfInput) {
            // No later checkpoint will look at the chain: anchor and report every batch now,
            // written down first, since the final checkpoint may still fail.
            journal.record(backlog.values(), basedOnCheckpoint);
            for (AckBatch batch : List.copyOf(backlog.values())) {
                report(batch, anchorNow(batch)).ifPresent(out::add);
                backlog.remove(batch.batchId());
                LOG.info(
                        "anchoring: end of input, batch {} ({} acks) anchored and reported",
                        batch.batchId(),
                        batch.size());
            }
        } else {
            boolean reachable = true;
            for (AckBatch batch : List.copyOf(backlog.values())) {
                Optional<AnchorEvent> anchored = Optional.empty();
                if (reachable) {
                    try {
                        anchored = ledger().anchorOf(batch.batchId());
                    } catch (LedgerException e) {
                        reachable = false; // ask again at the next checkpoint
                        dropClient();
                        LOG.warn(
                                "anchoring: cannot check {} batch(es) on the chain, offering them"
                                        + " again: {}",
                                backlog.size(),
                                e.getMessage());
                    }
                }
                if (anchored.isPresent()) {
                    report(batch, anchored.get()).ifPresent(out::add);
                    backlog.remove(batch.batchId());
                } else {
                    out.add(AnchorCommittable.anchor(batch));
                }
            }
        }
        publishBacklog();
        return out;
    }

    @Override
    public List<AckBatch> snapshotState(long checkpointId) {
        basedOnCheckpoint = checkpointId;
        return new ArrayList<>(backlog.values());
    }

    /**
     * After a restore, the batches an end of input of this job anchored (or was about to): those
     * written after the restored checkpoint come back into the backlog, and every one's acks are
     * left out of new batches from now on.
     */
    private void takeBackWhatAnEndAnchored(
            List<EndOfInputJournal.Entry> own,
            List<EndOfInputJournal.Entry> otherSubtasks,
            long restoredCheckpoint) {
        if (own.isEmpty() && otherSubtasks.isEmpty()) {
            return;
        }
        for (List<EndOfInputJournal.Entry> entries : List.of(own, otherSubtasks)) {
            for (EndOfInputJournal.Entry entry : entries) {
                for (AckLeaf leaf : entry.batch().leaves()) {
                    anchoredAtAnEnd.add(leaf.digest());
                }
            }
        }
        int takenBack = 0;
        for (EndOfInputJournal.Entry entry : own) {
            AckBatch batch = entry.batch();
            if (restoredCheckpoint <= entry.basedOnCheckpoint()
                    && backlog.putIfAbsent(batch.batchId(), batch) == null) {
                takenBack++;
            }
        }
        LOG.warn(
                "anchoring: restored after an end of input anchored {} batch(es), {} acks (under"
                        + " {}); {} taken back into this backlog, their acks not anchored again",
                own.size() + otherSubtasks.size(),
                anchoredAtAnEnd.size(),
                journal.location(),
                takenBack);
    }

    @Override
    public void close() {
        dropClient();
    }

    /** REPORT, after checking the chain holds this batch's root (the id is its content address). */
    private static Optional<AnchorCommittable> report(AckBatch batch, AnchorEvent event) {
        if (!event.root().equals(batch.tree().root())) {
            LOG.error(
                    "anchoring: batch {} is on the chain with root {}, not {}; dropping it",
                    batch.batchId(),
                    event.root(),
                    batch.tree().root());
            return Optional.empty();
        }
        return Optional.of(AnchorCommittable.report(batch, event));
    }

    /** Anchors {@code batch} now, waiting for the chain: no later checkpoint will. */
    private AnchorEvent anchorNow(AckBatch batch) throws IOException {
        long deadline = System.nanoTime() + END_OF_INPUT_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                ledger().anchor(batch.toAnchor());
                return ledger().anchorOf(batch.batchId())
                        .orElseThrow(
                                () ->
                                        new LedgerException(
                                                "batch "
                                                        + batch.batchId()
                                                        + " not found after"
                                                        + " anchoring"));
            } catch (LedgerException e) {
                dropClient();
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "anchoring: the chain stayed unreachable for "
                                    + END_OF_INPUT_PATIENCE.toMinutes()
                                    + " min at the end of the input; "
                                    + backlog.size()
                                    + " batch(es) stay in the last checkpoint",
                            e);
                }
                pause(retry.backoffAfter(attempt));
            }
        }
    }

    private LedgerClient ledger() {
        if (ledger == null) {
            ledger = connector.connect();
        }
        return ledger;
    }

    /** A client that failed is rebuilt next time: the node may come back at the same URL. */
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

    /** The backlog gauges: batches sealed and not yet seen on the chain, and their acks. */
    private void publishBacklog() {
        long leaves = 0;
        for (AckBatch b : backlog.values()) {
            leaves += b.size();
        }
        gauge.set(backlog.size(), leaves, received.size());
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the chain", e);
        }
    }
}
