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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
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

    /** Times an archive is listed again while merged files keep appearing in it. */
    private static final int MAX_LISTINGS = 20;

    private SealedHourFiles() {}

    /**
     * An archive's committed files as one file system names them: a local directory ({@code
     * ArchiveReader}) or any of Flink's file systems (the cluster replay's {@code ArchiveListing}).
     * The rules below are the same for both.
     *
     * @param <F> the file system's path type
     */
    public interface Tree<F> {

        /** The committed Parquet files (no hidden names), in path order. */
        List<F> listCommitted() throws IOException;

        /** The file's name, without its directory. */
        String name(F file);

        /** The file's directory (compared with {@code equals}). */
        Object directory(F file);

        /** The file, to read its footer. */
        InputFile open(F file) throws IOException;

        /** Whether the file is still there. */
        boolean exists(F file) throws IOException;
    }

    /** A tree of local files that {@code listing} lists (committed files, in path order). */
    public static Tree<Path> local(Supplier<List<Path>> listing) {
        return new LocalTree(listing);
    }

    private record LocalTree(Supplier<List<Path>> listing) implements Tree<Path> {
        @Override
        public List<Path> listCommitted() {
            return listing.get();
        }

        @Override
        public String name(Path file) {
            return file.getFileName().toString();
        }

        @Override
        public Object directory(Path file) {
            return file.getParent();
        }

        @Override
        public InputFile open(Path file) {
            return new LocalInputFile(file);
        }

        @Override
        public boolean exists(Path file) {
            return Files.exists(file);
        }
    }

    /**
     * The committed files of {@code tree} without the files a merged file replaces, from a listing
     * that no merge crossed. A listing made while a merge renamed its file in and deleted the old
     * ones may hold neither, so the tree is listed again until no merged file appeared between two
     * listings (and no merged file vanished before its footer was read).
     *
     * @throws IllegalStateException if merges kept appearing for {@value #MAX_LISTINGS} listings
     */
    public static <F> List<F> settledListing(Tree<F> tree, Object root) throws IOException {
        List<F> listed = tree.listCommitted();
        for (int attempt = 0; ; attempt++) {
            List<F> again = tree.listCommitted();
            if (!mergedSince(tree, listed, again)) {
                try {
                    return current(listed, tree);
                } catch (NoSuchFileException gone) {
                    // a merged file was merged again: list anew
                }
            }
            if (attempt == MAX_LISTINGS) {
                throw new IllegalStateException(
                        "archive "
                                + root
                                + " kept changing under "
                                + MAX_LISTINGS
                                + " listings (hours being merged); read it again");
            }
            listed = again;
        }
    }

    private static <F> boolean mergedSince(Tree<F> tree, List<F> before, List<F> after) {
        Set<F> seen = new HashSet<>(before);
        for (F file : after) {
            if (isSealed(tree.name(file)) && !seen.contains(file)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSealed(String name) {
        return name.startsWith(PREFIX) && name.endsWith(".parquet");
    }

    /** Whether {@code file} is a merged file (by its name). */
    public static boolean isSealed(Path file) {
        return isSealed(file.getFileName().toString());
    }

    /**
     * The names of the files the merged file {@code sealed} replaces, read from its footer.
     *
     * @throws NoSuchFileException if the file is gone (merged again meanwhile)
     */
    public static Set<String> replacedBy(Path sealed) throws IOException {
        return replacedBy(sealed, new LocalTree(() -> List.of(sealed)));
    }

    private static <F> Set<String> replacedBy(F sealed, Tree<F> tree) throws IOException {
        try (ParquetFileReader parquet = ParquetFileReader.open(tree.open(sealed))) {
            String value =
                    parquet.getFooter()
                            .getFileMetaData()
                            .getKeyValueMetaData()
                            .getOrDefault(REPLACES_KEY, "");
            return value.isEmpty() ? Set.of() : Set.of(value.split("/"));
        } catch (IOException e) {
            if (!tree.exists(sealed)) {
                // parquet opens a local file with RandomAccessFile: FileNotFoundException
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
        return current(committed, new LocalTree(() -> committed));
    }

    private static <F> List<F> current(List<F> committed, Tree<F> tree) throws IOException {
        Map<Object, Set<String>> replacedIn = new HashMap<>();
        for (F file : committed) {
            if (isSealed(tree.name(file))) {
                replacedIn
                        .computeIfAbsent(tree.directory(file), d -> new HashSet<>())
                        .addAll(replacedBy(file, tree));
            }
        }
        if (replacedIn.isEmpty()) {
            return committed;
        }
        List<F> current = new ArrayList<>(committed.size());
        for (F file : committed) {
            Set<String> replaced = replacedIn.get(tree.directory(file));
            if (replaced == null || !replaced.contains(tree.name(file))) {
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
