package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.sinks.ExactlyOnceKafkaSinks;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * Anchors accepted acknowledgments on the chain with Flink's two-phase commit, and emits one
 * receipt per anchored acknowledgment.
 *
 * <pre>
 *  AckLeaf ─► writer (per subtask: seal a batch per checkpoint = pre-commit; backlog in state)
 *               │ ANCHOR(batch)                 │ REPORT(batch, Anchored event)
 *               │                               ├─► AckReceipt per leaf ─► receipts sink
 *               ▼                               ▼     (ack-receipts topic; archive: ReceiptOutputs)
 *           committer: AlertLedger.anchor    (nothing to do)
 *               (idempotent per batch id)
 * </pre>
 *
 * <p>Exactly once end to end: a batch is anchored at most once because its id is its content
 * address and the contract stores an id once; it is never lost because the writer keeps it in state
 * until it sees it on the chain; its receipts are emitted once because the writer turns a batch
 * into REPORT in exactly one checkpoint and the receipts are made from that REPORT on its way to
 * the committer ({@link #addPreCommitTopology}): they reach the transactional receipts sink before
 * that checkpoint's barrier, so the checkpoint that drops the batch from the writer's backlog is
 * the one that commits its receipts. See {@link AckAnchorWriter} and {@link AnchorCommitter};
 * docs/ARCHIVE.md "Archive integrity on the chain" has the whole argument.
 *
 * <p>Receipts used to be made after the commit, in the post-commit topology. A REPORT needs no
 * commit, and at the end of a bounded input that was fatal to its receipts: Flink 2.2 commits the
 * final checkpoint's committables when that checkpoint completes, after every operator behind the
 * committer has ended its input, so the receipts of the batches anchored at the end were never
 * committed (finding 8 in docs/RELIABILITY.md).
 */
public final class AckAnchorSink
        implements Sink<AckLeaf>,
                SupportsWriterState<AckLeaf, AckBatch>,
                SupportsCommitter<AnchorCommittable>,
                SupportsPreCommitTopology<AnchorCommittable, AnchorCommittable>,
                SupportsPostCommitTopology<AnchorCommittable> {

    private static final long serialVersionUID = 1L;

    private final LedgerConnector ledger;
    private final String contract;
    private final AnchorRetry retry;
    private final Sink<AckReceipt> receipts;
    private final String checkpointDir;
    private transient DataStream<AckReceipt> reported;

    /**
     * @param ledger how tasks reach the chain
     * @param contract the AlertLedger address, named in every receipt
     * @param retry how hard one commit tries before leaving a batch to the next checkpoint
     * @param receipts where receipts go (live: {@link ReceiptOutputs}, the {@code ack-receipts}
     *     topic and the archive)
     * @param checkpointDir the job's checkpoint directory (a URI), where the writers keep their
     *     {@link EndOfInputJournal}; {@code null} when there is none, and then it goes to the
     *     TaskManager's temporary directory, which covers restarts on that machine only
     */
    public AckAnchorSink(
            LedgerConnector ledger,
            String contract,
            AnchorRetry retry,
            Sink<AckReceipt> receipts,
            String checkpointDir) {
        this.ledger = ledger;
        this.contract = contract.toLowerCase(java.util.Locale.ROOT);
        this.retry = retry;
        this.receipts = receipts;
        this.checkpointDir = checkpointDir;
    }

    /**
     * The live job's anchoring sink: anchors through {@code ledger}, writes receipts to {@code
     * receiptsTopic} in Kafka transactions keyed by leaf digest, and an {@code ack_receipt} row per
     * receipt to {@code archive}; the writers' journal goes under {@code checkpointDir}.
     */
    public static AckAnchorSink live(
            LedgerEndpoint ledger,
            ExactlyOnceSinkSettings kafka,
            String receiptsTopic,
            Sink<ArchiveRecord> archive,
            String checkpointDir) {
        return new AckAnchorSink(
                ledger,
                ledger.contract(),
                AnchorRetry.DEFAULT,
                new ReceiptOutputs<>(
                        ExactlyOnceKafkaSinks.json(
                                kafka, "ack-receipts", receiptsTopic, AckReceipt::leafDigest),
                        archive),
                checkpointDir);
    }

    @Override
    public StatefulSinkWriter<AckLeaf, AckBatch> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<AckLeaf, AckBatch> restoreWriter(
            WriterInitContext context, Collection<AckBatch> restored) throws IOException {
        LedgerLibraries.releaseWith(context);
        return new AckAnchorWriter(
                ledger,
                retry,
                AnchorBacklog.registeredOn(context.metricGroup()),
                restored,
                EndOfInputJournal.under(
                        checkpointDir,
                        context.getJobInfo().getJobId(),
                        context.getTaskInfo().getIndexOfThisSubtask()),
                context.getRestoredCheckpointId().orElse(0));
    }

    @Override
    public SimpleVersionedSerializer<AckBatch> getWriterStateSerializer() {
        return new AnchorSerializers.Batches();
    }

    @Override
    public Committer<AnchorCommittable> createCommitter(CommitterInitContext context) {
        return new AnchorCommitter(ledger, retry, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<AnchorCommittable> getCommittableSerializer() {
        return new AnchorSerializers.Committables();
    }

    /** Turns each REPORT the writers hand the committer into receipts, before the commit. */
    @Override
    public DataStream<CommittableMessage<AnchorCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<AnchorCommittable>> committables) {
        reported =
                committables
                        .flatMap(new ReceiptsOfReportedBatches(contract))
                        .returns(AckReceipt.class)
                        .name("ack-receipts")
                        .uid("anchor-ack-receipts");
        return committables;
    }

    @Override
    public SimpleVersionedSerializer<AnchorCommittable> getWriteResultSerializer() {
        return new AnchorSerializers.Committables();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<AnchorCommittable>> committed) {
        // Flink 2.2 expands a sink nested in a post-commit topology while iterating over the
        // outer sink's transformations (SinkTransformationTranslator), so a nested sink works
        // only as the very last transformation added here: one sink, created last. It takes the
        // receipts made before the commit (addPreCommitTopology), not what the committer emits.
        reported.sinkTo(receipts).name("ack-receipts-sink").uid("anchor-ack-receipts-sink");
    }

    /** REPORT batches become one receipt per acknowledgment; the rest is dropped. */
    static final class ReceiptsOfReportedBatches
            implements FlatMapFunction<CommittableMessage<AnchorCommittable>, AckReceipt> {

        private static final long serialVersionUID = 1L;
        private final String contract;

        ReceiptsOfReportedBatches(String contract) {
            this.contract = contract;
        }

        @Override
        public void flatMap(
                CommittableMessage<AnchorCommittable> message, Collector<AckReceipt> out) {
            if (message instanceof CommittableWithLineage<AnchorCommittable> lineage
                    && lineage.getCommittable().step() == AnchorCommittable.Step.REPORT) {
                AnchorCommittable c = lineage.getCommittable();
                c.batch().receipts(c.anchored(), contract).forEach(out::collect);
            }
        }
    }
}
