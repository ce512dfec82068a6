package dev.pagerboy.streaming.anchor;

import static dev.pagerboy.streaming.anchor.SealedHourWriter.hourDir;
import static dev.pagerboy.streaming.anchor.SealedHourWriter.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.HourResult;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Step;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Verdict;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SealedHourCompactor} on real Parquet files written by the job's writer: a sealed hour
 * becomes one file with the same rows in the same order, under the same root; an hour that is not
 * sealed, has rows under no root yet, or does not match its root is left alone; and a merge stopped
 * after any step leaves every row readable exactly once, and is finished by the next run.
 */
class SealedHourCompactorTest {

    static final long H = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long NEXT = H + 3_600_000L;

    @TempDir Path archive;

    static List<ArchiveRecord> rowsOf(long hour, int n, String tag) {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ArchiveKind kind = i % 3 == 0 ? ArchiveKind.ALERT_RAW : ArchiveKind.DECISION;
            rows.add(row(kind, "alerts/0/" + tag + i, hour + i * 1_000L, "fp-" + (i % 5)));
        }
        return rows;
    }

    /** Row ids in the order every reader meets them. */
    private List<String> idsRead() {
        return ParquetArchive.reader(archive).readAll().stream().map(ArchiveRecord::id).toList();
    }

    private List<Path> filesIn(long hour) throws IOException {
        try (Stream<Path> list = Files.list(hourDir(archive, hour))) {
            return list.sorted().toList();
        }
    }

    private static SealedHourCompactor compactor(Path archive) {
        return new SealedHourCompactor(archive, Duration.ZERO);
    }

    private static Instant later() {
        return Instant.now().plusSeconds(1);
    }

    @Test
    void aSealedHourBecomesOneFileWithTheSameRowsInTheSameOrderUnderTheSameRoot() throws Exception {
        ArchiveRecord root = SealedHourWriter.writeSealed(archive, H, 0, rowsOf(H, 50, "a"), 7);
        List<String> before = idsRead();

        List<HourResult> results = compactor(archive).compactAll(later());

        assertThat(results)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.verdict()).isEqualTo(Verdict.MERGED);
                            assertThat(r.filesBefore()).isEqualTo(7);
                            assertThat(r.rows()).isEqualTo(51);
                        });
        List<Path> files = filesIn(H);
        assertThat(files)
                .singleElement()
                .satisfies(f -> assertThat(SealedHourFiles.isSealed(f)).isTrue());
        assertThat(idsRead()).isEqualTo(before);
        List<ArchiveRecord> read = ParquetArchive.reader(archive).readAll();
        HourLeaves leaves = ArchiveHourRoot.leavesOf(H, read);
        assertThat(leaves.toBytes()).isEqualTo(root.raw());
        assertThat(ArchiveHourRoot.of(H, 0, leaves).row(leaves).payloadJson())
                .isEqualTo(root.payloadJson());

        assertThat(compactor(archive).compactAll(later()))
                .singleElement()
                .extracting(HourResult::verdict)
                .isEqualTo(Verdict.ONE_FILE);
    }

    @Test
    void hoursThatAreNotAllSealedAreLeftAsTheyAre() throws Exception {
        SealedHourWriter.write(archive, H, rowsOf(H, 20, "open"), 3); // no root row yet
        SealedHourWriter.writeSealed(archive, NEXT, 0, rowsOf(NEXT, 20, "b"), 3);
        SealedHourWriter.write(
                archive, NEXT, List.of(row(ArchiveKind.DECISION, "late", NEXT + 5, "k")), 1);
        List<Path> openBefore = filesIn(H);
        List<Path> lateBefore = filesIn(NEXT);

        List<HourResult> results = compactor(archive).compactAll(later());

        assertThat(results)
                .extracting(HourResult::verdict)
                .containsExactly(Verdict.NOT_SEALED, Verdict.NOT_SEALED);
        assertThat(results.get(0).detail()).contains("no archive_root row");
        assertThat(results.get(1).detail()).contains("decision:late", "under no root yet");
        assertThat(filesIn(H)).isEqualTo(openBefore);
        assertThat(filesIn(NEXT)).isEqualTo(lateBefore);
    }

    @Test
    void anHourWhoseRowsDifferFromTheirRootIsLeftForArchiveVerify() throws Exception {
        List<ArchiveRecord> rows = rowsOf(H, 10, "c");
        HourLeaves leaves = ArchiveHourRoot.leavesOf(H, rows);
        ArchiveRecord root = ArchiveHourRoot.of(H, 0, leaves).row(leaves);
        List<ArchiveRecord> tampered = new ArrayList<>(rows);
        ArchiveRecord edited = rows.get(4);
        tampered.set(
                4,
                new ArchiveRecord(
                        edited.schemaVersion(),
                        edited.id(),
                        edited.kind(),
                        edited.eventTime(),
                        "someone-else",
                        edited.sourceTopic(),
                        edited.sourcePartition(),
                        edited.sourceOffset(),
                        edited.outcome(),
                        edited.payloadJson(),
                        edited.raw()));
        tampered.add(root);
        SealedHourWriter.write(archive, H, tampered, 3);
        List<Path> before = filesIn(H);

        List<HourResult> results = compactor(archive).compactAll(later());

        assertThat(results)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.verdict()).isEqualTo(Verdict.DIFFERS);
                            assertThat(r.detail()).contains(edited.id(), "digest its root lists");
                        });
        assertThat(filesIn(H)).isEqualTo(before);
    }

    @Test
    void anHourWithAYoungFileWaits() throws Exception {
        SealedHourWriter.writeSealed(archive, H, 0, rowsOf(H, 10, "d"), 3);
        List<Path> before = filesIn(H);

        List<HourResult> results =
                new SealedHourCompactor(archive, Duration.ofMinutes(10)).compactAll(Instant.now());

        assertThat(results)
                .singleElement()
                .extracting(HourResult::verdict)
                .isEqualTo(Verdict.TOO_RECENT);
        assertThat(filesIn(H)).isEqualTo(before);
    }

    @Test
    void lateRowsSealedAsALaterGenerationAreMergedIntoTheHoursFileAgain() throws Exception {
        SealedHourWriter.writeSealed(archive, H, 0, rowsOf(H, 12, "e"), 4);
        compactor(archive).compactAll(later());
        Path first = filesIn(H).get(0);
        var firstReplaced = SealedHourFiles.replacedBy(first);
        SealedHourWriter.writeSealed(archive, H, 1, rowsOf(H + 1_800_000L, 5, "late"), 2);
        List<String> before = idsRead();

        List<HourResult> results = compactor(archive).compactAll(later());

        assertThat(results)
                .singleElement()
                .extracting(HourResult::verdict)
                .isEqualTo(Verdict.MERGED);
        assertThat(idsRead()).isEqualTo(before).hasSize(12 + 1 + 5 + 1);
        Path second = filesIn(H).get(0);
        assertThat(filesIn(H)).singleElement();
        // the merged file still names the first merge's files: a restored job's commit of one of
        // them finds it merged, not lost
        assertThat(SealedHourFiles.replacedBy(second))
                .contains(first.getFileName().toString())
                .containsAll(firstReplaced);
    }

    /**
     * A merge stopped after each of its steps (as by a crash): every reader still reads every row
     * exactly once, at that moment and after, and the next run leaves one file.
     */
    @ParameterizedTest(name = "stopped after {0} #{1}")
    @CsvSource({"WRITTEN,1", "RENAMED_IN,1", "REPLACED_FILE_DELETED,1", "REPLACED_FILE_DELETED,3"})
    void aMergeStoppedAfterAnyStepLosesAndDoublesNoRowAndIsFinishedByTheNextRun(
            Step stop, int occurrence) throws Exception {
        SealedHourWriter.writeSealed(archive, H, 0, rowsOf(H, 40, "f"), 5);
        SealedHourWriter.writeSealed(archive, NEXT, 0, rowsOf(NEXT, 10, "g"), 2);
        List<String> before = idsRead();
        List<String> readAtEachStep = new ArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        SealedHourCompactor crashing =
                new SealedHourCompactor(
                        archive,
                        Duration.ZERO,
                        (step, file) -> {
                            // a reader at this very moment
                            assertThat(idsRead())
                                    .as("read after %s %s", step, file)
                                    .isEqualTo(before);
                            readAtEachStep.add(step.name());
                            if (step == stop && seen.incrementAndGet() == occurrence) {
                                throw new IOException("crash after " + step);
                            }
                        });

        assertThatThrownBy(() -> crashing.compactAll(later())).hasMessage("crash after " + stop);

        assertThat(readAtEachStep).contains(stop.name());
        assertThat(idsRead()).isEqualTo(before);
        List<HourResult> results = compactor(archive).compactAll(later());
        assertThat(results)
                .extracting(HourResult::verdict)
                .isSubsetOf(Verdict.MERGED, Verdict.ONE_FILE);
        assertThat(filesIn(H)).singleElement();
        assertThat(filesIn(NEXT)).singleElement();
        assertThat(idsRead()).isEqualTo(before);
    }

    @Test
    void oneCompactionAtATime() throws Exception {
        SealedHourWriter.writeSealed(archive, H, 0, rowsOf(H, 10, "h"), 2);
        SealedHourCompactor inner = compactor(archive);
        SealedHourCompactor outer =
                new SealedHourCompactor(
                        archive,
                        Duration.ZERO,
                        (step, file) -> {
                            if (step == Step.WRITTEN) {
                                assertThatThrownBy(() -> inner.compactAll(later()))
                                        .hasMessageContaining("another compaction");
                            }
                        });

        assertThat(outer.compactAll(later()))
                .singleElement()
                .extracting(HourResult::verdict)
                .isEqualTo(Verdict.MERGED);
    }
}
