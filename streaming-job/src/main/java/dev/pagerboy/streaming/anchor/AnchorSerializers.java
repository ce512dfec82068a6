package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Checkpoint forms of the anchoring sink's writer state ({@link AckBatch}) and committables ({@link
 * AnchorCommittable}). Explicit and versioned because both live in checkpoints across upgrades; the
 * batch id is written and checked on read, so a corrupted or misread batch fails loudly instead of
 * anchoring a different root.
 */
final class AnchorSerializers {

    private static final int VERSION = 1;

    private AnchorSerializers() {}

    /** Writer state: the sealed batches not yet reported. */
    static final class Batches implements SimpleVersionedSerializer<AckBatch> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(AckBatch batch) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64 + 200 * batch.size());
            writeBatch(out, batch);
            return out.getCopyOfBuffer();
        }

        @Override
        public AckBatch deserialize(int version, byte[] bytes) throws IOException {
            checkVersion(version);
            return readBatch(new DataInputDeserializer(bytes));
        }
    }

    /** Committables: the step, the batch and, for REPORT, the Anchored event. */
    static final class Committables implements SimpleVersionedSerializer<AnchorCommittable> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(AnchorCommittable c) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(128 + 200 * c.batch().size());
            out.writeByte(c.step().ordinal());
            writeBatch(out, c.batch());
            if (c.anchored() != null) {
                AnchorEvent e = c.anchored();
                writeBytes32(out, e.batchId());
                writeBytes32(out, e.root());
                out.writeLong(e.leafCount());
                out.writeLong(e.firstSeq());
                out.writeUTF(e.writer());
                out.writeLong(e.blockNumber());
                out.writeUTF(e.transactionHash());
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public AnchorCommittable deserialize(int version, byte[] bytes) throws IOException {
            checkVersion(version);
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            AnchorCommittable.Step step = AnchorCommittable.Step.values()[in.readByte()];
            AckBatch batch = readBatch(in);
            if (step == AnchorCommittable.Step.ANCHOR) {
                return AnchorCommittable.anchor(batch);
            }
            AnchorEvent event =
                    new AnchorEvent(
                            readBytes32(in),
                            readBytes32(in),
                            in.readLong(),
                            in.readLong(),
                            in.readUTF(),
                            in.readLong(),
                            in.readUTF());
            return AnchorCommittable.report(batch, event);
        }
    }

    private static void writeBatch(DataOutputView out, AckBatch batch) throws IOException {
        writeBytes32(out, batch.batchId());
        out.writeInt(batch.size());
        for (AckLeaf leaf : batch.leaves()) {
            out.writeUTF(leaf.incidentId());
            out.writeUTF(leaf.fingerprint());
            out.writeUTF(leaf.engineer());
            out.writeLong(leaf.ackedAtMillis());
            writeBytes32(out, leaf.signatureHash());
            out.writeLong(leaf.sequence());
            out.writeByte(leaf.method().code());
        }
    }

    private static AckBatch readBatch(DataInputView in) throws IOException {
        Bytes32 id = readBytes32(in);
        int size = in.readInt();
        List<AckLeaf> leaves = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            leaves.add(
                    new AckLeaf(
                            in.readUTF(),
                            in.readUTF(),
                            in.readUTF(),
                            in.readLong(),
                            readBytes32(in),
                            in.readLong(),
                            AckMethod.fromCode(in.readByte())));
        }
        AckBatch batch = AckBatch.seal(leaves);
        if (!batch.batchId().equals(id)) {
            throw new IOException(
                    "anchoring state: batch "
                            + id
                            + " read back as "
                            + batch.batchId()
                            + " (expected the same content address)");
        }
        return batch;
    }

    private static void writeBytes32(DataOutputView out, Bytes32 value) throws IOException {
        out.write(value.toArray());
    }

    private static Bytes32 readBytes32(DataInputView in) throws IOException {
        byte[] bytes = new byte[Bytes32.LENGTH];
        in.readFully(bytes);
        return Bytes32.of(bytes);
    }

    private static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "anchoring state version " + version + " (expected " + VERSION + ")");
        }
    }
}
