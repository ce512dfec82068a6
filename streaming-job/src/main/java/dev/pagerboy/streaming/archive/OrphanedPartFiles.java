package dev.pagerboy.streaming.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the archive's in-progress files that a resumed job will never finish. When a job stops
 * between checkpoints, the Parquet files it was writing stay behind as hidden {@code
 * .part-…inprogress…} files: the resumed job reads that input again and writes its rows into new
 * files, so the old ones are garbage that piled up with every restart (issue 12).
 *
 * <p>Not every in-progress file is garbage. A file the checkpoint closed but had not committed yet
 * is still named {@code …inprogress…}, and the restored file sink commits it (renames it) when it
 * starts. Such a file was last written before the checkpoint completed; a file written after that
 * belongs to no checkpoint. So the rule is: before the restored job starts, delete the hidden
 * in-progress files last modified after the restored checkpoint's {@code _metadata} was written.
 * Files the rule cannot tell apart are kept: a leftover is harmless (every reader skips hidden
 * files), a lost pending file is not.
 *
 * <p>Only local archives ({@code file:} URIs and plain paths) are cleaned; on object stores the
 * file sink's own recovery applies.
 */
public final class OrphanedPartFiles {

    private OrphanedPartFiles() {}

    /**
     * Deletes the orphaned in-progress files under {@code archiveBase}, given the checkpoint (or
     * savepoint) directory the job resumes from.
     *
     * @return the files deleted
     */
    public static List<Path> remove(String archiveBase, Path restoredCheckpoint) {
        Path archive = localPath(archiveBase);
        Path metadata = restoredCheckpoint.resolve("_metadata");
        if (archive == null || !Files.isDirectory(archive) || !Files.isRegularFile(metadata)) {
            return List.of();
        }
        try {
            FileTime completed = Files.getLastModifiedTime(metadata);
            List<Path> deleted = new ArrayList<>();
            try (Stream<Path> files = Files.walk(archive)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (isInProgress(file)
                            && Files.getLastModifiedTime(file).compareTo(completed) > 0) {
                        Files.deleteIfExists(file);
                        deleted.add(file);
                    }
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean in-progress files in " + archive, e);
        }
    }

    static boolean isInProgress(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.contains(".inprogress.") && Files.isRegularFile(file);
    }

    private static Path localPath(String base) {
        if (base.startsWith("file:")) {
            return Path.of(URI.create(base));
        }
        return base.contains("://") ? null : Path.of(base);
    }
}
