package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Anchors the archive's event-hour roots ({@link ArchiveHourSealer}) on the chain with the same
 * two-phase commit as acknowledgment batches ({@link AckAnchorSink}): the writer keeps each root in
 * its checkpointed backlog until it sees it on the chain, the committer anchors after the
 * checkpoint completed, and the batch id ({@link ArchiveHourRoot#batchId}: hour and generation) is
 * stored once by the contract, so a repeated commit, a restarted job or a replay of the same input
 * anchors nothing twice. A chain that is down delays anchoring and never fails the job.
 *
 * <p>No receipts follow: the hour's {@code archive_root} row is written by the sealer, with the
 * root and the leaves, and where the root is on the chain is a view call ({@code anchorOf(batchId)}
 * ) for whoever verifies — so the archive holds the same rows whether or not a ledger was set.
 */
public final class HourRootAnchorSink
        implements Sink<ArchiveHourRoot>,
                SupportsWriterState<ArchiveHourRoot, ArchiveHourRoot>,
                SupportsCommitter<ArchiveHourRoot> {

    private static final long serialVersionUID = 1L;

    private final LedgerConnector ledger;
    private final AnchorRetry retry;

    public HourRootAnchorSink(LedgerConnector ledger, AnchorRetry retry) {
        this.ledger = ledger;
        this.retry = retry;
    }

    /**
     * Anchoring through {@code ledger}, or (null: the job has no ledger) a sink that drops the
     * roots: the {@code archive_root} rows are written either way.
     */
    public static Sink<ArchiveHourRoot> orDiscard(LedgerEndpoint ledger) {
        return ledger == null
                ? new DiscardingSink<>()
                : new HourRootAnchorSink(ledger, AnchorRetry.DEFAULT);
    }

    @Override
    public StatefulSinkWriter<ArchiveHourRoot, ArchiveHourRoot> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<ArchiveHourRoot, ArchiveHourRoot> restoreWriter(
            WriterInitContext context, Collection<ArchiveHourRoot> restored) {
        LedgerLibraries.releaseWith(context);
        return new HourRootAnchorWriter(
                new LedgerSession(ledger), retry, context.metricGroup(), restored);
    }

    @Override
    public SimpleVersionedSerializer<ArchiveHourRoot> getWriterStateSerializer() {
        return new Roots();
    }

    @Override
    public Committer<ArchiveHourRoot> createCommitter(CommitterInitContext context) {
        return new HourRootCommitter(new LedgerSession(ledger), retry, context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<ArchiveHourRoot> getCommittableSerializer() {
        return new Roots();
    }

    /** Writer state and committables: one root, its batch id written and checked on read. */
    static final class Roots implements SimpleVersionedSerializer<ArchiveHourRoot> {
        private static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(ArchiveHourRoot root) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(96);
            out.writeLong(root.hourStart());
            out.writeInt(root.generation());
            out.writeLong(root.rowCount());
            out.write(root.root().toArray());
            out.write(root.batchId().toArray());
            return out.getCopyOfBuffer();
        }

        @Override
        public ArchiveHourRoot deserialize(int version, byte[] bytes) throws IOException {
            if (version != VERSION) {
                throw new IOException(
                        "hour root state version " + version + " (expected " + VERSION + ")");
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            long hourStart = in.readLong();
            int generation = in.readInt();
            long rowCount = in.readLong();
            ArchiveHourRoot root =
                    new ArchiveHourRoot(hourStart, generation, rowCount, bytes32(in));
            Bytes32 id = bytes32(in);
            if (!id.equals(root.batchId())) {
                throw new IOException(
                        "hour root state: batch id " + id + " does not match " + root.batchId());
            }
            return root;
        }

        private static Bytes32 bytes32(DataInputDeserializer in) throws IOException {
            byte[] b = new byte[Bytes32.LENGTH];
            in.readFully(b);
            return Bytes32.of(b);
        }
    }
}
