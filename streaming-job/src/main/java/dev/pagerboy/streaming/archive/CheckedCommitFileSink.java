package dev.pagerboy.streaming.archive;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.common.SupportsConcurrentExecutionAttempts;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.connector.file.sink.writer.FileWriter;
import org.apache.flink.connector.file.sink.writer.FileWriterBucketState;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Flink's {@link FileSink}, except that a commit which leaves a part file missing fails instead of
 * passing in silence.
 *
 * <p>The file sink commits every pending part file with {@code commitAfterRecovery}, and on a local
 * file system that does nothing when neither the in-progress file nor its target exists (Flink's
 * own comment there: "we probably should fail the job"). A checkpoint closes its part files through
 * their open descriptors, so it completes even when the archive directory has just been moved,
 * deleted or unmounted; its commit then found nothing, counted as done, and the job's sources moved
 * past the rows. Chaos R7 lost 199 archived inputs that way once (issue 20, finding 9 in
 * docs/RELIABILITY.md; {@code ArchiveCommitOutageTest} makes it happen every time).
 *
 * <p>Here each committed file is looked for at its target after the commit. If it is not there, the
 * commit throws, the job fails over and restores the same checkpoint, whose pending files are
 * committed again on restore: once the directory is back they are renamed and nothing is lost. As
 * long as it is not back the job keeps restarting, with the job's backoff, and never gets past that
 * checkpoint. A file whose target path the committable does not record (state written by an older
 * Flink) is not checked, nor one that {@code archive compact} merged into its sealed hour's file.
 *
 * <p>Everything else, writer state, serializers and compaction included, is the file sink's own, so
 * state written by the plain {@code FileSink} restores into this one and back.
 */
final class CheckedCommitFileSink<IN>
        implements Sink<IN>,
                SupportsWriterState<IN, FileWriterBucketState>,
                SupportsWriterState.WithCompatibleState,
                SupportsCommitter<FileSinkCommittable>,
                SupportsPreCommitTopology<FileSinkCommittable, FileSinkCommittable>,
                SupportsConcurrentExecutionAttempts {

    private static final long serialVersionUID = 1L;

    private final FileSink<IN> files;

    CheckedCommitFileSink(FileSink<IN> files) {
        this.files = files;
    }

    @Override
    public FileWriter<IN> createWriter(WriterInitContext context) throws IOException {
        return files.createWriter(context);
    }

    @Override
    public FileWriter<IN> restoreWriter(
            WriterInitContext context, Collection<FileWriterBucketState> recoveredState)
            throws IOException {
        return files.restoreWriter(context, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<FileWriterBucketState> getWriterStateSerializer() {
        return files.getWriterStateSerializer();
    }

    @Override
    public Collection<String> getCompatibleWriterStateNames() {
        return files.getCompatibleWriterStateNames();
    }

    @Override
    public Committer<FileSinkCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        return new CheckedCommitter(files.createCommitter(context));
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getCommittableSerializer() {
        return files.getCommittableSerializer();
    }

    @Override
    public DataStream<CommittableMessage<FileSinkCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<FileSinkCommittable>> committables) {
        return files.addPreCommitTopology(committables);
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getWriteResultSerializer() {
        return files.getWriteResultSerializer();
    }

    /** The file sink's committer, then a look for every file it committed. */
    static final class CheckedCommitter implements Committer<FileSinkCommittable> {
        private final Committer<FileSinkCommittable> files;

        CheckedCommitter(Committer<FileSinkCommittable> files) {
            this.files = files;
        }

        @Override
        public void commit(Collection<CommitRequest<FileSinkCommittable>> requests)
                throws IOException, InterruptedException {
            files.commit(requests);
            for (CommitRequest<FileSinkCommittable> request : requests) {
                FileSinkCommittable committable = request.getCommittable();
                if (!committable.hasPendingFile()) {
                    continue;
                }
                Path target = committable.getPendingFile().getPath();
                if (target != null
                        && !target.getFileSystem().exists(target)
                        && !mergedIntoSealedHour(target)) {
                    throw new IOException(
                            "archive part file "
                                    + target
                                    + " is missing after its commit: neither it nor its"
                                    + " in-progress file exists (was the archive directory"
                                    + " moved, deleted or unmounted?); failing so that the job"
                                    + " restores this checkpoint and commits it once the file is"
                                    + " back, instead of losing its rows (expected the file at"
                                    + " its target)");
                }
            }
        }

        /**
         * Whether a missing local part file was merged into its sealed hour's file ({@code archive
         * compact}): a checkpoint restored after the merge commits it again and finds it gone, with
         * its rows in the merged file.
         */
        private static boolean mergedIntoSealedHour(Path target) {
            String scheme = target.toUri().getScheme();
            return (scheme == null || scheme.equals("file"))
                    && SealedHourFiles.wasMerged(java.nio.file.Path.of(target.toUri().getPath()));
        }

        @Override
        public void close() throws Exception {
            files.close();
        }
    }
}
