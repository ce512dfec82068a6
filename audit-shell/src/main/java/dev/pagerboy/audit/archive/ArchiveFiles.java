package dev.pagerboy.audit.archive;

import dev.pagerboy.audit.AuditException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed Parquet files of an archive directory: files ending in {@code .parquet} whose name
 * does not start with {@code .} or {@code _} (in-progress and not-yet-compacted files are hidden
 * that way, docs/ARCHIVE.md). The shell checks a directory with this before handing it to DuckDB,
 * so a wrong path is one clear line instead of DuckDB's "No files found". A sealed hour's merged
 * file ({@code ./pagerboy archive compact}) stands for the files it replaces, which are left out.
 */
public record ArchiveFiles(Path dir, List<Path> files, long bytes) {

    /**
     * Name prefix of a sealed hour's merged file, and its footer key naming the files it replaces:
     * the job's {@code SealedHourFiles.PREFIX} and {@code REPLACES_KEY} (this module does not
     * depend on the job; {@code CompactedArchiveAnswersTest} checks that they agree).
     */
    public static final String SEALED_PREFIX = "sealed-";

    public static final String REPLACES_KEY = "pagerboy.sealed.replaces";

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
        List<Path> files = current(absolute);
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
            } catch (java.nio.file.NoSuchFileException merged) {
                // merged into its sealed hour's file since the listing: the next refresh sees it
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArchiveFiles(absolute, files, bytes);
    }

    /**
     * The committed files without those a sealed hour's merged file replaces. {@code archive
     * compact} renames a merged file in and then deletes the files it replaces, so a directory
     * listed meanwhile may hold both (the merged file's footer names the others, which are dropped
     * here) or, for a listing that crossed both steps, neither: the directory is listed again until
     * no merged file appeared between two listings.
     */
    private static List<Path> current(Path dir) {
        List<Path> listed = list(dir);
        for (int attempt = 0; attempt < MAX_LISTINGS; attempt++) {
            List<Path> again = list(dir);
            if (!mergedSince(listed, again)) {
                Optional<List<Path>> current = withoutReplaced(listed);
                if (current.isPresent()) {
                    return current.get();
                }
            }
            listed = again;
        }
        throw new AuditException(
                "the archive "
                        + dir
                        + " kept changing while it was listed (hours being merged by archive"
                        + " compact); open it again");
    }

    private static final int MAX_LISTINGS = 20;

    private static List<Path> list(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ArchiveFiles::committed)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sealed(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(SEALED_PREFIX) && name.endsWith(".parquet");
    }

    private static boolean mergedSince(List<Path> before, List<Path> after) {
        Set<Path> seen = new HashSet<>(before);
        return after.stream().anyMatch(f -> sealed(f) && !seen.contains(f));
    }

    /** {@code files} without the replaced ones; empty if a merged file vanished meanwhile. */
    private static Optional<List<Path>> withoutReplaced(List<Path> files) {
        List<Path> merged = files.stream().filter(ArchiveFiles::sealed).toList();
        if (merged.isEmpty()) {
            return Optional.of(files);
        }
        Set<Path> replaced = new HashSet<>();
        String list =
                merged.stream()
                        .map(f -> "'" + f.toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT file_name, decode(value) FROM parquet_kv_metadata("
                                        + list
                                        + ") WHERE decode(key) = '"
                                        + REPLACES_KEY
                                        + "'")) {
            while (r.next()) {
                Path dir = Path.of(r.getString(1)).getParent();
                for (String name : r.getString(2).split("/")) {
                    replaced.add(dir.resolve(name));
                }
            }
        } catch (SQLException e) {
            if (merged.stream().allMatch(Files::exists)) {
                throw new AuditException("cannot read the footers of " + list + ": " + e, e);
            }
            return Optional.empty();
        }
        return Optional.of(files.stream().filter(f -> !replaced.contains(f)).toList());
    }

    private static boolean committed(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
    }
}
