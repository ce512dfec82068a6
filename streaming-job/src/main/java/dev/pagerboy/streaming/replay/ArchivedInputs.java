package dev.pagerboy.streaming.replay;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowFileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.Path;

/**
 * The input rows of an archive, read through Flink's file systems: what {@code flink run ...
 * pagerboy-job.jar --mode replay} stages on the client before it submits the replay. The archive
 * may be a local directory or shared storage ({@code s3://}, {@code hdfs://}, with the cluster's
 * file system plugin); decision and output rows are skipped, since the replay job recomputes them
 * and {@code ./pagerboy replay --replayed} compares them afterwards.
 *
 * <p>The files are {@link ArchiveListing}'s, the local replay's too: committed files only, without
 * those a sealed hour's merged file replaces. A file that cannot be read stops the replay with its
 * name: replaying around a hole would decide differently without saying so.
 */
public final class ArchivedInputs {

    private final Map<InputKind, List<ArchiveRecord>> inputs;
    private final int files;

    private ArchivedInputs(Map<InputKind, List<ArchiveRecord>> inputs, int files) {
        this.inputs = inputs;
        this.files = files;
    }

    /** Reads every committed file of the archive at {@code root}. */
    public static ArchivedInputs read(Path root) {
        List<Path> files = ArchiveListing.committedFiles(root);
        if (files.isEmpty()) {
            throw new UsageException(
                    root + " holds no committed archive files (expected **/part-*.parquet)");
        }
        Map<InputKind, List<ArchiveRecord>> inputs = new EnumMap<>(InputKind.class);
        for (InputKind kind : InputKind.values()) {
            inputs.put(kind, new ArrayList<>());
        }
        ArchiveRecordCodec codec = new ArchiveRecordCodec();
        for (Path file : files) {
            try (ParquetRowFileReader<ArchiveRecord> reader =
                    ParquetRowFileReader.open(file, codec)) {
                for (ArchiveRecord row = reader.read(); row != null; row = reader.read()) {
                    Optional<InputKind> kind = InputKind.of(row);
                    if (kind.isPresent()) {
                        inputs.get(kind.get()).add(row);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The codec refuses unknown schema versions and row kinds with
                // IllegalArgumentException.
                throw ArchiveListing.unreadable(file, e);
            }
        }
        return new ArchivedInputs(inputs, files.size());
    }

    /** The input rows of one kind, in file order (not yet in replay order). */
    public List<ArchiveRecord> of(InputKind kind) {
        return inputs.get(kind);
    }

    /** Number of inputs the replay feeds to the pipeline. */
    public long fed() {
        return InputKind.fed(inputs);
    }

    public int fileCount() {
        return files;
    }
}
