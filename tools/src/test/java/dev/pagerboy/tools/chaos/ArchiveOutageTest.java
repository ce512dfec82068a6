package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R7's outage: a plain file where the archive directory was, and everything back afterwards. */
class ArchiveOutageTest {

    @TempDir Path work;

    @Test
    void theArchiveBecomesAFileAndComesBackWithItsFiles() throws Exception {
        Path archive = archiveWith("date=2026-01-03/hour=10/part-0-0.parquet");

        List<Path> aside = ArchiveOutage.makeUnwritable(archive, () -> {});
        assertThat(archive).isRegularFile();

        ArchiveOutage.makeWritable(archive, aside);
        assertThat(archive.resolve("date=2026-01-03/hour=10/part-0-0.parquet")).hasContent("old");
        assertThat(aside).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void aDirectoryTheJobMakesAgainBeforeTheFileIsWrittenIsMovedAsideTooAndMergedBack()
            throws Exception {
        Path archive = archiveWith("date=2026-01-03/hour=10/part-0-0.parquet");
        AtomicInteger moves = new AtomicInteger();
        Runnable jobOpensAPartFile =
                () -> {
                    if (moves.incrementAndGet() == 1) { // the job wins the first race only
                        write(archive.resolve("date=2026-01-03/hour=11/.part-1-0.inprogress"));
                    }
                };

        List<Path> aside = ArchiveOutage.makeUnwritable(archive, jobOpensAPartFile);
        assertThat(aside).hasSize(2);
        assertThat(archive).isRegularFile();

        ArchiveOutage.makeWritable(archive, aside);
        assertThat(archive.resolve("date=2026-01-03/hour=10/part-0-0.parquet")).hasContent("old");
        assertThat(archive.resolve("date=2026-01-03/hour=11/.part-1-0.inprogress"))
                .hasContent("old");
        assertThat(aside).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void aDirectoryTheJobMakesAgainDuringTheRestoreGetsTheFilesMergedIn() throws Exception {
        Path archive = archiveWith("date=2026-01-03/hour=10/part-0-0.parquet");
        List<Path> aside = ArchiveOutage.makeUnwritable(archive, () -> {});
        Files.delete(archive);
        write(archive.resolve("date=2026-01-03/hour=12/.part-2-0.inprogress"));

        ArchiveOutage.makeWritable(archive, aside);

        assertThat(archive.resolve("date=2026-01-03/hour=10/part-0-0.parquet")).hasContent("old");
        assertThat(archive.resolve("date=2026-01-03/hour=12/.part-2-0.inprogress"))
                .hasContent("old");
    }

    private Path archiveWith(String file) throws Exception {
        Path archive = work.resolve("archive");
        write(archive.resolve(file));
        return archive;
    }

    private static void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "old");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
