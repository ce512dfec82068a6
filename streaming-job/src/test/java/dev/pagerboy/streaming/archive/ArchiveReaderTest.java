package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing an archive that a running job is writing: tests poll it until rows appear, and the audit
 * shell reads it while the job runs. The sink commits a file by renaming its hidden in-progress
 * file, and compaction deletes the hidden small files it has merged, so files vanish between the
 * directory listing and the look at each file.
 */
class ArchiveReaderTest {

    @Test
    void listsOnlyCommittedPartsWhileInProgressFilesAreRenamedAndDeleted(@TempDir Path dir)
            throws Exception {
        Path hour = Files.createDirectories(dir.resolve("date=2026-12-06/hour=13"));
        Files.writeString(hour.resolve("_SUCCESS"), "");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        Thread sink =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; !stop.get(); i++) {
                                    Path pending = hour.resolve(".part-" + i + ".inprogress");
                                    Files.writeString(pending, "x");
                                    // replaces the older part at once, as rename(2) does
                                    Files.move(
                                            pending,
                                            hour.resolve("part-" + i % 20 + ".parquet"),
                                            StandardCopyOption.ATOMIC_MOVE);
                                    committed.incrementAndGet();
                                    Path merged = hour.resolve(".uncompacted-" + i + ".parquet");
                                    Files.writeString(merged, "x");
                                    Files.delete(merged);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "renaming sink");
        sink.start();
        try {
            ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(dir);
            int listed = 0;
            // Enough listings to meet many renames (the old walk failed within the first hundreds).
            for (int i = 0; i < 1_000 || (committed.get() < 200 && sink.isAlive()); i++) {
                List<Path> files = reader.committedFiles();
                assertThat(files)
                        .allMatch(f -> f.getFileName().toString().startsWith("part-"))
                        .isSorted();
                listed = Math.max(listed, files.size());
            }
            assertThat(listed).isPositive();
        } finally {
            stop.set(true);
            sink.join();
        }
    }
}
