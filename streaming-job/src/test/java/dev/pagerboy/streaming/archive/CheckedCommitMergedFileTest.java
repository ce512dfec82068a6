package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.anchor.SealedHourCompactor;
import dev.pagerboy.streaming.anchor.SealedHourWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.streaming.api.functions.sink.filesystem.InProgressFileWriter.PendingFileRecoverable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint restored after {@code archive compact} merged its hour commits its part files again
 * and finds them gone: {@link CheckedCommitFileSink}'s committer accepts a file that a sealed
 * hour's file names (its rows are there), and still fails for a file that is simply missing.
 */
class CheckedCommitMergedFileTest {

    static final long H = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

    @TempDir Path archive;

    /** The file sink's committer on a file already committed: it does nothing (Flink 2.2). */
    private static final Committer<FileSinkCommittable> RECOMMIT_FINDS_NOTHING =
            new Committer<>() {
                @Override
                public void commit(Collection<CommitRequest<FileSinkCommittable>> requests) {}

                @Override
                public void close() {}
            };

    private static void commitAgain(Path file) throws Exception {
        PendingFileRecoverable pending =
                new PendingFileRecoverable() {
                    @Override
                    public org.apache.flink.core.fs.Path getPath() {
                        return org.apache.flink.core.fs.Path.fromLocalFile(file.toFile());
                    }

                    @Override
                    public long getSize() {
                        return 0;
                    }
                };
        FileSinkCommittable committable = new FileSinkCommittable("bucket", pending);
        CommitRequest<FileSinkCommittable> request =
                new CommitRequest<>() {
                    @Override
                    public FileSinkCommittable getCommittable() {
                        return committable;
                    }

                    @Override
                    public int getNumberOfRetries() {
                        return 0;
                    }

                    @Override
                    public void signalFailedWithKnownReason(Throwable t) {}

                    @Override
                    public void signalFailedWithUnknownReason(Throwable t) {}

                    @Override
                    public void retryLater() {}

                    @Override
                    public void updateAndRetryLater(FileSinkCommittable committable) {}

                    @Override
                    public void signalAlreadyCommitted() {}
                };
        new CheckedCommitFileSink.CheckedCommitter(RECOMMIT_FINDS_NOTHING).commit(List.of(request));
    }

    @Test
    void aPartFileMergedIntoItsSealedHourCommitsAgainWithoutFailing() throws Exception {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(SealedHourWriter.row(ArchiveKind.DECISION, "alerts/0/" + i, H + i, "fp-" + i));
        }
        SealedHourWriter.writeSealed(archive, H, 0, rows, 3);
        Path merged;
        try (var list = Files.list(SealedHourWriter.hourDir(archive, H))) {
            merged = list.sorted().toList().get(0);
        }
        assertThat(merged.getFileName().toString()).startsWith("part-");
        new SealedHourCompactor(archive, Duration.ZERO).compactAll(Instant.now().plusSeconds(1));
        assertThat(merged).doesNotExist();

        assertThatCode(() -> commitAgain(merged)).doesNotThrowAnyException();
        assertThatThrownBy(() -> commitAgain(merged.resolveSibling("part-never-written.parquet")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is missing after its commit");
    }
}
