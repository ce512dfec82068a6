package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an archive part file is cheap in heap: a bounded run over days of history opens one per
 * event hour per subtask before its first checkpoint, and with Parquet's 1 MB pages each allocated
 * a 1 MB compression buffer at once (chaos R3, finding 7 in docs/RELIABILITY.md). Measured as the
 * bytes this thread allocates to open one writer (HotSpot's per-thread allocation counter).
 */
class ArchivePartFileCostTest {

    @TempDir Path dir;

    @Test
    void openingAPartFileAllocatesFarLessThanAPageOfParquetsDefault() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        ParquetRowWriterFactory<ArchiveRecord> factory =
                new ParquetRowWriterFactory<>(new ArchiveRecordCodec());
        FileSystem fs = FileSystem.getLocalFileSystem();
        long cheapest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the first ones also load classes and Hadoop's defaults
            try (FSDataOutputStream out =
                    fs.create(
                            new org.apache.flink.core.fs.Path(
                                    dir.resolve("part-" + i + ".parquet").toUri()),
                            FileSystem.WriteMode.NO_OVERWRITE)) {
                long before = threads.getThreadAllocatedBytes(thread);
                BulkWriter<ArchiveRecord> writer = factory.create(out);
                long cost = threads.getThreadAllocatedBytes(thread) - before;
                cheapest = Math.min(cheapest, cost);
                writer.finish();
            }
        }
        assertThat(cheapest).as("bytes allocated to open one part file").isLessThan(512 << 10);
    }
}
