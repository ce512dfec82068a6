package dev.pagerboy.streaming.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The one file a sealed event hour's many files are merged into ({@code sealed-<uuid>.parquet}),
 * and how a reader tells which files it replaces.
 *
 * <p>Merging several files into one cannot be a single atomic step on a file system: the merged
 * file is renamed in first and the files it replaces are deleted after it, so for a moment (and for
 * good, if the merge stops there) both are in the directory. The merged file therefore names the
 * files it replaces in its own footer (key {@value #REPLACES_KEY}, the file names separated by
 * {@code /}), written with its rows, so it is in place the instant the file is: a reader that lists
 * a directory drops every file a merged file there replaces ({@link #current}), and sees each row
 * once whether it listed before the rename, between the rename and the deletions, or after. The
 * rows and their order are the replaced files', concatenated in path order (what a reader read
 * before), so nothing that depends on rows or their order changes.
 */
public final class SealedHourFiles {

    /** Name prefix of merged files; the rest is a random UUID and {@code .parquet}. */
    public static final String PREFIX = "sealed-";

    /** Footer key naming the files a merged file replaces. */
    public static final String REPLACES_KEY = "pagerboy.sealed.replaces";

    private SealedHourFiles() {}

    /** Whether {@code file} is a merged file (by its name). */
    public static boolean isSealed(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".parquet");
    }

    /**
     * The names of the files the merged file {@code sealed} replaces, read from its footer.
     *
     * @throws NoSuchFileException if the file is gone (merged again meanwhile)
     */
    public static Set<String> replacedBy(Path sealed) throws IOException {
        try (ParquetFileReader parquet = ParquetFileReader.open(new LocalInputFile(sealed))) {
            String value =
                    parquet.getFooter()
                            .getFileMetaData()
                            .getKeyValueMetaData()
                            .getOrDefault(REPLACES_KEY, "");
            return value.isEmpty() ? Set.of() : Set.of(value.split("/"));
        } catch (IOException e) {
            if (!Files.exists(sealed)) {
                // parquet opens with RandomAccessFile, which says FileNotFoundException
                NoSuchFileException gone = new NoSuchFileException(sealed.toString());
                gone.initCause(e);
                throw gone;
            }
            throw e;
        }
    }

    /**
     * {@code committed} without the files that a merged file in the same directory replaces, in the
     * same order.
     *
     * @throws NoSuchFileException if a merged file vanished while its footer was read
     */
    public static List<Path> current(List<Path> committed) throws IOException {
        Map<Path, Set<String>> replacedIn = new HashMap<>();
        for (Path file : committed) {
            if (isSealed(file)) {
                replacedIn
                        .computeIfAbsent(file.getParent(), d -> new HashSet<>())
                        .addAll(replacedBy(file));
            }
        }
        if (replacedIn.isEmpty()) {
            return committed;
        }
        List<Path> current = new ArrayList<>(committed.size());
        for (Path file : committed) {
            Set<String> replaced = replacedIn.get(file.getParent());
            if (replaced == null || !replaced.contains(file.getFileName().toString())) {
                current.add(file);
            }
        }
        return current;
    }

    /**
     * Whether {@code file} (absent) was merged into a sealed file of its directory: then its rows
     * are there, and its absence loses nothing.
     */
    public static boolean wasMerged(Path file) {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path sibling : (Iterable<Path>) list::iterator) {
                try {
                    if (isSealed(sibling)
                            && replacedBy(sibling).contains(file.getFileName().toString())) {
                        return true;
                    }
                } catch (NoSuchFileException gone) {
                    // merged again since the listing; its successor is looked at instead
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
