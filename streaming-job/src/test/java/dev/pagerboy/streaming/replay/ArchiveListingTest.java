package dev.pagerboy.streaming.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.anchor.SealedHourCompactor;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Step;
import dev.pagerboy.streaming.anchor.SealedHourWriter;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The replay's lister ({@link ArchiveListing}, through Flink's file systems, as {@code flink run
 * ... --mode replay} reads an archive) on an archive that {@code archive compact} is merging: at
 * every step of a merge, and after one that crashed between its rename and its deletes, the cluster
 * replay's inputs ({@link ArchivedInputs}) are every archived input exactly once, the ones {@code
 * ArchiveReader} reads.
 */
class ArchiveListingTest {

    static final long H = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long NEXT = H + 3_600_000L;

    @TempDir Path archive;

    private static List<ArchiveRecord> alerts(long hour, int n, int firstOffset) {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ArchiveKind kind = i % 3 == 0 ? ArchiveKind.DECISION : ArchiveKind.ALERT_RAW;
            rows.add(
                    SealedHourWriter.row(
                            kind, "alerts/0/" + (firstOffset + i), hour + i * 1_000L, "fp-" + i));
        }
        return rows;
    }

    private void writeTwoSealedHours() throws IOException {
        SealedHourWriter.writeSealed(archive, H, 0, alerts(H, 40, 0), 5);
        SealedHourWriter.writeSealed(archive, NEXT, 0, alerts(NEXT, 10, 100), 2);
    }

    private org.apache.flink.core.fs.Path root() {
        return new org.apache.flink.core.fs.Path(archive.toUri());
    }

    /** The alert inputs the cluster replay stages, by row id, in file order. */
    private List<String> clusterReplayAlerts() {
        return ArchivedInputs.read(root()).of(InputKind.ALERT_RAW).stream()
                .map(ArchiveRecord::id)
                .toList();
    }

    private List<String> archivedAlerts() {
        return ParquetArchive.reader(archive).readAll().stream()
                .filter(r -> r.kind() == ArchiveKind.ALERT_RAW)
                .map(ArchiveRecord::id)
                .toList();
    }

    private List<Path> listed() {
        return ArchiveListing.committedFiles(root()).stream().map(f -> Path.of(f.toUri())).toList();
    }

    @Test
    void listsTheCommittedFilesArchiveReaderReads() throws Exception {
        writeTwoSealedHours();

        assertThat(listed()).hasSize(7).isEqualTo(ParquetArchive.reader(archive).committedFiles());
        assertThat(clusterReplayAlerts()).hasSize(32).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "a merge stopped after {0}")
    @EnumSource(Step.class)
    void anArchiveAMergeStoppedInReplaysEachInputOnce(Step stop) throws Exception {
        writeTwoSealedHours();
        List<String> before = archivedAlerts();
        List<String> readAtEachStep = new ArrayList<>();
        SealedHourCompactor crashing =
                new SealedHourCompactor(
                        archive,
                        Duration.ZERO,
                        (step, file) -> {
                            // the cluster replay's client listing the archive at this very moment
                            assertThat(clusterReplayAlerts())
                                    .as("staged after %s %s", step, file)
                                    .isEqualTo(before);
                            readAtEachStep.add(step.name());
                            if (step == stop) {
                                throw new IOException("crash after " + step);
                            }
                        });

        assertThatThrownBy(() -> crashing.compactAll(Instant.now().plusSeconds(1)))
                .hasMessage("crash after " + stop);

        assertThat(readAtEachStep).contains(stop.name());
        assertThat(clusterReplayAlerts()).hasSize(before.size()).isEqualTo(before);
        assertThat(listed()).isEqualTo(ParquetArchive.reader(archive).committedFiles());
        if (stop == Step.RENAMED_IN) {
            // both the merged file and every file it replaces are there, as after a crash
            assertThat(listed()).anyMatch(SealedHourFiles::isSealed).hasSize(3);
        }
    }
}
