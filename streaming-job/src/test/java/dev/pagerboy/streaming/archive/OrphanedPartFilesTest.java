package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedPartFilesTest {

    private static final FileTime CHECKPOINT = FileTime.fromMillis(1_000_000);

    @Test
    void deletesOnlyInProgressFilesWrittenAfterTheRestoredCheckpoint(@TempDir Path dir)
            throws Exception {
        Path checkpoint =
                file(dir.resolve("checkpoints/job/chk-7/_metadata"), CHECKPOINT).getParent();
        Path hour = dir.resolve("archive/date=2026-12-06/hour=05");
        Path orphan = file(hour.resolve("..part-a-0.parquet.inprogress.x1"), later());
        Path pending = file(hour.resolve("..part-a-1.parquet.inprogress.x2"), earlier());
        Path committed = file(hour.resolve("part-b-0.parquet"), later());
        Path uncompacted = file(hour.resolve(".uncompacted-part-c-0.parquet"), later());

        assertThat(OrphanedPartFiles.remove(dir.resolve("archive").toString(), checkpoint))
                .containsExactly(orphan);

        assertThat(orphan).doesNotExist();
        assertThat(pending).exists();
        assertThat(committed).exists();
        assertThat(uncompacted).exists();
    }

    @Test
    void acceptsFileUrisAndIgnoresRemoteArchivesAndMissingCheckpoints(@TempDir Path dir)
            throws Exception {
        Path checkpoint = file(dir.resolve("chk-1/_metadata"), CHECKPOINT).getParent();
        Path orphan = file(dir.resolve("archive/..part-a-0.parquet.inprogress.x"), later());

        assertThat(OrphanedPartFiles.remove("s3://bucket/archive", checkpoint)).isEmpty();
        assertThat(OrphanedPartFiles.remove(dir.resolve("archive").toString(), dir.resolve("nope")))
                .isEmpty();
        assertThat(orphan).exists();

        assertThat(OrphanedPartFiles.remove(dir.resolve("archive").toUri().toString(), checkpoint))
                .containsExactly(orphan);
    }

    private static Path file(Path path, FileTime modified) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, modified);
        return path;
    }

    private static FileTime later() {
        return FileTime.fromMillis(CHECKPOINT.toMillis() + 5_000);
    }

    private static FileTime earlier() {
        return FileTime.fromMillis(CHECKPOINT.toMillis() - 5_000);
    }
}
