package dev.pagerboy.streaming.replay;

import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowFileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The input rows of an archive, read through Flink's file systems: what {@code flink run ...
 * pagerboy-job.jar --mode replay} stages on the client before it submits the replay. The archive
 * may be a local directory or shared storage ({@code s3://}, {@code hdfs://}, with the cluster's
 * file system plugin); decision and output rows are skipped, since the replay job recomputes them
 * and {@code ./pagerboy replay --replayed} compares them afterwards.
 *
 * <p>Only committed files are read, as {@code ArchiveReader} does for a local directory: names
 * starting with a dot (in-progress and pending files, the replay's own staged inputs) or an
 * underscore are skipped. A file that cannot be read stops the replay with its name: replaying
 * around a hole would decide differently without saying so.
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
        List<Path> files = committedFiles(root);
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
                throw new CommandFailure(
                        "archive file " + file + " cannot be read: " + rootMessage(e), e);
            }
        }
        return new ArchivedInputs(inputs, files.size());
    }

    /**
     * The committed Parquet files under {@code root}, in path order; empty if there is no {@code
     * root}.
     */
    public static List<Path> committedFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                return files;
            }
            collect(fs, root, files);
        } catch (IOException e) {
            throw new CommandFailure("cannot list archive " + root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    private static void collect(FileSystem fs, Path dir, List<Path> files) throws IOException {
        FileStatus[] statuses = fs.listStatus(dir);
        if (statuses == null) {
            return;
        }
        for (FileStatus status : statuses) {
            String name = status.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (status.isDir()) {
                collect(fs, status.getPath(), files);
            } else if (name.endsWith(".parquet")) {
                files.add(status.getPath());
            }
        }
    }

    /** The input rows of one kind, in file order (not yet in replay order). */
    public List<ArchiveRecord> of(InputKind kind) {
        return inputs.get(kind);
    }

    /** Number of inputs the replay feeds to the pipeline. */
    public long fed() {
        long n = 0;
        for (InputKind kind : InputKind.values()) {
            if (kind.fed()) {
                n += inputs.get(kind).size();
            }
        }
        return n;
    }

    public int fileCount() {
        return files;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
