package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The two places every receipt goes: a transactional receipts sink (live: the {@code ack-receipts}
 * topic) and, as an {@code ack_receipt} row, the archive — as one {@code Sink<AckReceipt>}.
 *
 * <p>Why one sink and this shape: Flink 2.2 expands a sink that a post-commit topology adds while
 * it iterates over the enclosing sink's transformations, so {@link AckAnchorSink} can add exactly
 * one sink, and only as its last transformation. This sink is that one. It is the receipts sink
 * itself (writer, writer state and committer are the receipts sink's), and its own post-commit
 * topology adds the archive sink as its last transformation, fed by the receipt stream it was given
 * as its input ({@link #addPreWriteTopology} keeps a handle on it). Both sinks see the same records
 * and commit on the same checkpoints, each exactly once by its own protocol.
 *
 * @param <S> the receipts sink: stateful and committing, like {@code KafkaSink}
 * @param <W> its writer state
 * @param <C> its committable
 */
public final class ReceiptOutputs<
                S extends
                        Sink<AckReceipt> & SupportsWriterState<AckReceipt, W>
                                & SupportsCommitter<C>,
                W,
                C>
        implements Sink<AckReceipt>,
                SupportsWriterState<AckReceipt, W>,
                SupportsCommitter<C>,
                SupportsPreWriteTopology<AckReceipt>,
                SupportsPostCommitTopology<C> {

    private static final long serialVersionUID = 1L;

    private final S receipts;
    private final Sink<ArchiveRecord> archive;
    private transient DataStream<AckReceipt> input;

    public ReceiptOutputs(S receipts, Sink<ArchiveRecord> archive) {
        this.receipts = receipts;
        this.archive = archive;
    }

    @Override
    public DataStream<AckReceipt> addPreWriteTopology(DataStream<AckReceipt> receiptStream) {
        this.input = receiptStream;
        return receiptStream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public StatefulSinkWriter<AckReceipt, W> createWriter(WriterInitContext context)
            throws IOException {
        return (StatefulSinkWriter<AckReceipt, W>) receipts.createWriter(context);
    }

    @Override
    public StatefulSinkWriter<AckReceipt, W> restoreWriter(
            WriterInitContext context, Collection<W> recoveredState) throws IOException {
        return receipts.restoreWriter(context, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<W> getWriterStateSerializer() {
        return receipts.getWriterStateSerializer();
    }

    @Override
    public Committer<C> createCommitter(CommitterInitContext context) throws IOException {
        return receipts.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<C> getCommittableSerializer() {
        return receipts.getCommittableSerializer();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addPostCommitTopology(DataStream<CommittableMessage<C>> committed) {
        if (receipts instanceof SupportsPostCommitTopology<?> own) {
            // KafkaSink's only tags its operators for co-location; it adds no transformation
            ((SupportsPostCommitTopology<C>) own).addPostCommitTopology(committed);
        }
        input.map(AckReceiptRows::archiveRow)
                .returns(ArchiveRecord.class)
                .name("ack-receipt-rows")
                .uid("anchor-ack-receipt-rows")
                .sinkTo(archive)
                .name("ack-receipt-archive")
                .uid("anchor-ack-receipt-archive");
    }
}
