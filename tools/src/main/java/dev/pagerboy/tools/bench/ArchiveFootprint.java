package dev.pagerboy.tools.bench;

import dev.pagerboy.streaming.archive.ParquetArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * What the throughput run left in its archive: committed rows (from each Parquet footer, so no row
 * is decoded) and bytes on disk. Divided by the alerts read, they are the bench's {@code
 * rows_per_alert} and {@code archive_bytes_per_alert}, set beside the input's own {@code
 * raw_bytes_per_alert}: the archive holds every input verbatim, so its size is judged against it.
 */
record ArchiveFootprint(long files, long rows, long bytes) {

    static ArchiveFootprint of(Path archiveRoot) {
        long files = 0;
        long rows = 0;
        long bytes = 0;
        for (Path file : ParquetArchive.reader(archiveRoot).committedFiles()) {
            try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
                rows += footer.getRecordCount();
                bytes += Files.size(file);
                files++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read archive file " + file, e);
            }
        }
        return new ArchiveFootprint(files, rows, bytes);
    }

    double rowsPer(long alerts) {
        return alerts > 0 ? (double) rows / alerts : 0;
    }

    double bytesPer(long alerts) {
        return alerts > 0 ? (double) bytes / alerts : 0;
    }
}
