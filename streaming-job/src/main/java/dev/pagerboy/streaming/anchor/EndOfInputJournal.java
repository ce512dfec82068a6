package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The batches an anchoring writer anchored itself at the end of a bounded input, written down
 * before it anchors them: the one effect on the chain that no checkpoint confirms.
 *
 * <p>Why (finding 19 in docs/RELIABILITY.md): at the end of the input the writer anchors its
 * backlog in its last pre-commit, before the final checkpoint completes. When that checkpoint then
 * fails, the job restores from an earlier one and reads the same acks again, and the checkpoints of
 * the new attempt cut them into other batches, with other content addresses. Without a record the
 * new attempt anchors them a second time. With this journal it knows which acks are on the chain
 * already: it takes its journal's batches back into its backlog (to report them once the chain
 * confirms them) and leaves the acks of every subtask's journal out of new batches (after a restore
 * a rebalance may send an ack to another subtask than the one that anchored it).
 *
 * <p>Each entry carries the checkpoint the writer's state was based on when it was written (the one
 * it was restored from, or the last it snapshotted). A writer restored from that checkpoint or an
 * earlier one has state from before the entry and takes the batch back; a writer restored from a
 * later checkpoint took it back already (ids only grow within a job), and may have reported it.
 *
 * <p>One file per job and sink subtask, {@code <checkpoint dir>/<job id>/pagerboy-anchoring/
 * ack-writer-<subtask>.journal} (without a checkpoint directory, see {@link #under}), replaced
 * whole (written aside, then renamed). Scoped to the job id, so it covers restarts within a job (a
 * failover), not a new job resumed with {@code flink run -s}.
 */
final class EndOfInputJournal {

    /** Nothing is recorded, and a restored writer finds nothing (for tests of the rest). */
    static final EndOfInputJournal NONE = new EndOfInputJournal(null);

    private static final int VERSION = 1;
    private static final String DIR = "pagerboy-anchoring";
    private static final String PREFIX = "ack-writer-";
    private static final String SUFFIX = ".journal";

    /** A batch anchored at an end of input, and the checkpoint the writer's state was based on. */
    record Entry(long basedOnCheckpoint, AckBatch batch) {}

    private final Path file;

    private EndOfInputJournal(Path file) {
        this.file = file;
    }

    /**
     * The journal of {@code subtask} of {@code job}, under the checkpoint directory (a URI), or,
     * when the job has none, under this machine's temporary directory ({@code java.io.tmpdir}):
     * that covers restarts on this machine, as in a MiniCluster, not a writer restarted on another
     * TaskManager's machine.
     */
    static EndOfInputJournal under(String checkpointDir, JobID job, int subtask) {
        Path dir;
        if (checkpointDir != null) {
            dir = new Path(new Path(new Path(checkpointDir), job.toHexString()), DIR);
        } else {
            Path tmp = new Path(new File(System.getProperty("java.io.tmpdir")).toURI());
            dir = new Path(new Path(tmp, DIR), job.toHexString());
        }
        return new EndOfInputJournal(new Path(dir, PREFIX + subtask + SUFFIX));
    }

    /** Where it is written, for messages. */
    String location() {
        return file == null ? "(none)" : file.toString();
    }

    /** This subtask's entries, oldest first; none when nothing was written. */
    List<Entry> read() throws IOException {
        if (file == null || !file.getFileSystem().exists(file)) {
            return List.of();
        }
        return read(file);
    }

    /**
     * The entries of the job's other subtasks. A restored job may send an ack to another subtask
     * than the one that anchored it (a rebalance starts where it likes), so each subtask leaves out
     * the acks of them all, its own ({@link #read}) and these.
     */
    List<Entry> readOtherSubtasks() throws IOException {
        if (file == null) {
            return List.of();
        }
        FileSystem fs = file.getFileSystem();
        FileStatus[] files;
        try {
            files = fs.listStatus(file.getParent());
        } catch (FileNotFoundException none) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (FileStatus f : files == null ? new FileStatus[0] : files) {
            String name = f.getPath().getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !name.equals(file.getName())) {
                entries.addAll(read(f.getPath()));
            }
        }
        return entries;
    }

    private static List<Entry> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = file.getFileSystem().open(file)) {
            bytes = in.readAllBytes();
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(
                    "anchoring journal "
                            + file
                            + ": version "
                            + version
                            + " (expected "
                            + VERSION
                            + ")");
        }
        AnchorSerializers.Batches batches = new AnchorSerializers.Batches();
        int count = in.readInt();
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long basedOn = in.readLong();
            byte[] batch = new byte[in.readInt()];
            in.readFully(batch);
            entries.add(new Entry(basedOn, batches.deserialize(batches.getVersion(), batch)));
        }
        return entries;
    }

    /**
     * Adds {@code batches}, about to be anchored by a writer whose state is based on checkpoint
     * {@code basedOnCheckpoint}, to what is written. A batch written before keeps its older entry:
     * its checkpoint is the one that tells which restores predate it.
     */
    void record(Collection<AckBatch> batches, long basedOnCheckpoint) throws IOException {
        if (file == null || batches.isEmpty()) {
            return;
        }
        Map<Bytes32, Entry> entries = new LinkedHashMap<>();
        for (Entry e : read()) {
            entries.put(e.batch().batchId(), e);
        }
        for (AckBatch batch : batches) {
            entries.putIfAbsent(batch.batchId(), new Entry(basedOnCheckpoint, batch));
        }
        AnchorSerializers.Batches serializer = new AnchorSerializers.Batches();
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(VERSION);
        out.writeInt(entries.size());
        for (Entry e : entries.values()) {
            byte[] batch = serializer.serialize(e.batch());
            out.writeLong(e.basedOnCheckpoint());
            out.writeInt(batch.length);
            out.write(batch);
        }
        FileSystem fs = file.getFileSystem();
        fs.mkdirs(file.getParent());
        Path aside = new Path(file.getParent(), file.getName() + ".writing");
        try (FSDataOutputStream os = fs.create(aside, FileSystem.WriteMode.OVERWRITE)) {
            os.write(out.getSharedBuffer(), 0, out.length());
            os.sync(); // on disk before anything it names is anchored
        }
        if (!fs.rename(aside, file)) {
            throw new IOException("anchoring journal: could not rename " + aside + " to " + file);
        }
    }
}
