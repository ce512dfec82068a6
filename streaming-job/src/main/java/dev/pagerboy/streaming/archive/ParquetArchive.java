package dev.pagerboy.streaming.archive;

import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The PagerBoy archive: where the live job writes {@link ArchiveRecord}s and where replay and the
 * tests read them back. Layout, schema and compaction trade-offs: docs/ARCHIVE.md.
 */
public final class ParquetArchive {

    private ParquetArchive() {}

    /** The exactly-once Parquet sink for the live job. Give its transformation a uid. */
    public static Sink<ArchiveRecord> sink(ArchiveLayout layout) {
        return ArchiveSinks.parquet(layout, new ArchiveRecordCodec());
    }

    /** A reader over the committed files of a local archive directory. */
    public static ArchiveReader<ArchiveRecord> reader(Path root) {
        return new ArchiveReader<>(root, new ArchiveRecordCodec());
    }
}
