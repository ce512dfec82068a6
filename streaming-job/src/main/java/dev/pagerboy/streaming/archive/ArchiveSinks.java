package dev.pagerboy.streaming.archive;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.compactor.FileCompactStrategy;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * Builds the exactly-once Parquet {@link FileSink} for archive rows: partitioned by event hour,
 * rolled on checkpoint (as a bulk format must) and when an hour goes quiet ({@link
 * ArchiveRollingPolicy}), and compacted so that short checkpoint intervals do not fill the archive
 * with tiny files. Its commits are checked ({@link CheckedCommitFileSink}): a checkpoint is never
 * committed without its files.
 */
public final class ArchiveSinks {

    /** Committed files are named {@code part-<uuid>-<subtask>-<n>.parquet}. */
    static final OutputFileConfig FILE_NAMES =
            OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build();

    private ArchiveSinks() {}

    public static <T> Sink<T> parquet(ArchiveLayout layout, AvroRowCodec<T> codec) {
        return parquet(layout, codec, new ParquetRowWriterFactory<>(codec));
    }

    /** The same sink writing through {@code writers} (a test counts the files they open). */
    static <T> Sink<T> parquet(
            ArchiveLayout layout, AvroRowCodec<T> codec, BulkWriter.Factory<T> writers) {
        FileSink.DefaultBulkFormatBuilder<T> builder =
                FileSink.forBulkFormat(new Path(layout.basePath()), writers);
        builder.withBucketAssigner(new EventHourBucketAssigner<>(codec))
                .withRollingPolicy(new ArchiveRollingPolicy<>())
                .withBucketCheckInterval(ArchiveRollingPolicy.CHECK_INTERVAL.toMillis())
                .withOutputFileConfig(FILE_NAMES);
        if (layout.compactEveryCheckpoints() > 1) {
            builder.enableCompact(
                    FileCompactStrategy.Builder.newBuilder()
                            .enableCompactionOnCheckpoint(layout.compactEveryCheckpoints())
                            .setSizeThreshold(layout.compactAtBytes())
                            .build(),
                    new RecordWiseFileCompactor<>(ParquetRowFileReader.factory(codec)));
        }
        return new CheckedCommitFileSink<>(builder.build());
    }
}
