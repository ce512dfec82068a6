package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.LedgerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of {@link HourRootAnchorSink}: every root it receives enters its backlog (checkpointed
 * state) and is offered to the committer at each checkpoint until the writer sees it on the chain,
 * as {@link AckAnchorWriter} does for ack batches. A root needs no receipt, so a root found on the
 * chain simply leaves the backlog. At the end of a bounded input no later checkpoint will commit,
 * so the last pre-commit anchors what is left itself, waiting for the chain up to {@link
 * AckAnchorWriter#END_OF_INPUT_PATIENCE}.
 *
 * <p>Gauge {@code pagerboy.anchor.hourRootsBacklog}: roots sealed and not yet seen on the chain.
 */
final class HourRootAnchorWriter
        implements CommittingSinkWriter<ArchiveHourRoot, ArchiveHourRoot>,
                StatefulSinkWriter<ArchiveHourRoot, ArchiveHourRoot> {

    private static final Logger LOG = LoggerFactory.getLogger(HourRootAnchorWriter.class);

    private final LedgerSession ledger;
    private final AnchorRetry retry;
    private final Map<Bytes32, ArchiveHourRoot> backlog = new LinkedHashMap<>();
    private volatile int backlogSize;
    private boolean endOfInput;

    HourRootAnchorWriter(
            LedgerSession ledger,
            AnchorRetry retry,
            MetricGroup metrics,
            Collection<ArchiveHourRoot> restored) {
        this.ledger = ledger;
        this.retry = retry;
        restored.forEach(this::add);
        metrics.addGroup("pagerboy")
                .addGroup("anchor")
                .gauge("hourRootsBacklog", (Gauge<Integer>) () -> backlogSize);
    }

    @Override
    public void write(ArchiveHourRoot root, Context context) {
        add(root);
    }

    @Override
    public void flush(boolean endOfInput) {
        this.endOfInput |= endOfInput;
    }

    @Override
    public Collection<ArchiveHourRoot> prepareCommit() throws IOException {
        List<ArchiveHourRoot> offers = new ArrayList<>();
        if (endOfInput) {
            for (ArchiveHourRoot root : List.copyOf(backlog.values())) {
                anchorNow(root);
                backlog.remove(root.batchId());
            }
        } else {
            boolean reachable = true;
            for (ArchiveHourRoot root : List.copyOf(backlog.values())) {
                Optional<AnchorEvent> anchored = Optional.empty();
                if (reachable) {
                    try {
                        anchored = ledger.client().anchorOf(root.batchId());
                    } catch (LedgerException e) {
                        reachable = false; // ask again at the next checkpoint
                        ledger.drop();
                        LOG.warn(
                                "anchoring: cannot check {} hour root(s) on the chain, offering"
                                        + " them again: {}",
                                backlog.size(),
                                e.getMessage());
                    }
                }
                if (anchored.isPresent()) {
                    if (!anchored.get().root().equals(root.root())) {
                        LOG.error(
                                "anchoring: hour {} generation {} is on the chain with root {},"
                                        + " not {}; the archive's verify will report the hour",
                                root.hourStart(),
                                root.generation(),
                                anchored.get().root(),
                                root.root());
                    }
                    backlog.remove(root.batchId());
                } else {
                    offers.add(root);
                }
            }
        }
        backlogSize = backlog.size();
        return offers;
    }

    @Override
    public List<ArchiveHourRoot> snapshotState(long checkpointId) {
        return new ArrayList<>(backlog.values());
    }

    @Override
    public void close() {
        ledger.close();
    }

    private void add(ArchiveHourRoot root) {
        backlog.putIfAbsent(root.batchId(), root);
        backlogSize = backlog.size();
    }

    /** Anchors {@code root} now, waiting for the chain: no later checkpoint will. */
    private void anchorNow(ArchiveHourRoot root) throws IOException {
        long deadline = System.nanoTime() + AckAnchorWriter.END_OF_INPUT_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                ledger.client().anchor(root.toAnchor());
                return;
            } catch (LedgerException e) {
                ledger.drop();
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "anchoring: the chain stayed unreachable for "
                                    + AckAnchorWriter.END_OF_INPUT_PATIENCE.toMinutes()
                                    + " min at the end of the input; "
                                    + backlog.size()
                                    + " hour root(s) stay in the last checkpoint",
                            e);
                }
                pause(retry.backoffAfter(attempt));
            }
        }
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
