package dev.pagerboy.audit.archive;

import dev.pagerboy.audit.AuditException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed Parquet files of an archive directory: files ending in {@code .parquet} whose name
 * does not start with {@code .} or {@code _} (in-progress and not-yet-compacted files are hidden
 * that way, docs/ARCHIVE.md). The shell checks a directory with this before handing it to DuckDB,
 * so a wrong path is one clear line instead of DuckDB's "No files found".
 */
public record ArchiveFiles(Path dir, List<Path> files, long bytes) {

    /**
     * The committed files under {@code dir}.
     *
     * @throws AuditException if {@code dir} is not a directory or holds no committed file
     */
    public static ArchiveFiles scan(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new AuditException(
                    (Files.exists(absolute) ? "not a directory: " : "no such archive directory: ")
                            + absolute
                            + " (pass the directory the job's --archive wrote, e.g."
                            + " .pagerboy/demo/archive)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(absolute)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(ArchiveFiles::committed)
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new AuditException(
                    "no committed Parquet files under "
                            + absolute
                            + " (is it an archive? a running job commits its first files on its"
                            + " first checkpoint)");
        }
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArchiveFiles(absolute, files, bytes);
    }

    private static boolean committed(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
    }
}
