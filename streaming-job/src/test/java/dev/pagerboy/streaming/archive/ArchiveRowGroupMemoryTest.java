package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.RawInput;
import java.nio.file.Path;
import java.util.Random;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open archive part file holds at most about one row group in the heap, however large the rows:
 * chaos R4's hostile records (megabytes each, all archived) made Parquet's default writer buffer a
 * hundred of them before it first measured its row group, and the TaskManager ran out of heap
 * (docs/RELIABILITY.md, finding 6). What the writer has not yet written to its file is what it
 * holds.
 */
class ArchiveRowGroupMemoryTest {

    private static final int ROW_BYTES = 2 << 20;
    private static final int ROWS = 40;

    @TempDir Path dir;

    @Test
    void megabyteRowsAreWrittenOutInBoundedRowGroups() throws Exception {
        Random random = new Random(6);
        FileSystem fs = FileSystem.getLocalFileSystem();
        long mostHeld = 0;
        try (FSDataOutputStream out =
                fs.create(
                        new org.apache.flink.core.fs.Path(dir.resolve("part.parquet").toUri()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ArchiveRecordCodec()).create(out);
            for (int i = 0; i < ROWS; i++) {
                byte[] hostile = new byte[ROW_BYTES]; // random: Snappy cannot shrink it
                random.nextBytes(hostile);
                writer.addElement(
                        ArchiveRecord.rawAlert(
                                new RawInput("alerts", 0, i, 1_764_334_800_000L, null, hostile)));
                long added = (long) (i + 1) * ROW_BYTES;
                mostHeld = Math.max(mostHeld, added - out.getPos());
            }
            writer.finish();
        }
        assertThat(mostHeld)
                .as("bytes added but not yet in the file (held in the heap)")
                .isLessThanOrEqualTo(ParquetRowWriterFactory.ROW_GROUP_BYTES + 2L * ROW_BYTES);
    }
}
