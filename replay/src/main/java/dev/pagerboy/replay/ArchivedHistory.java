package dev.pagerboy.replay;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.archive.ArchiveReader;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.replay.ArchiveListing;
import dev.pagerboy.streaming.replay.InputKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What a replay needs from an archive, read once: the inputs up to the end of the stretch, grouped
 * by kind, and the archived decision and output rows of the stretch to compare against. Any file
 * that cannot be read (missing, corrupt, a schema version this build cannot read) stops the replay
 * with an error that names the file: replaying around a hole would silently decide differently.
 */
public final class ArchivedHistory {

    /** Threads reading archive files: the 2 cores replay is sized for. */
    private static final int READERS = 2;

    private final Path root;
    private final Map<InputKind, List<ArchiveRecord>> inputs;
    private final List<ArchiveRecord> outputs;
    private final List<ArchiveRecord> allOutputs;
    private final int files;

    private ArchivedHistory(
            Path root,
            Map<InputKind, List<ArchiveRecord>> inputs,
            List<ArchiveRecord> outputs,
            List<ArchiveRecord> allOutputs,
            int files) {
        this.root = root;
        this.inputs = inputs;
        this.outputs = outputs;
        this.allOutputs = allOutputs;
        this.files = files;
    }

    /**
     * The committed Parquet files of the archive at {@code root} that hold its rows, checked to
     * exist: {@link ArchiveListing}'s, the cluster replay's lister, so a sealed hour's merged file
     * stands for the files it replaces here too.
     */
    public static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UsageException("no archive at " + root + " (expected a directory)");
        }
        List<Path> files =
                ArchiveListing.committedFiles(
                                new org.apache.flink.core.fs.Path(root.toAbsolutePath().toUri()))
                        .stream()
                        .map(f -> Path.of(f.toUri()))
                        .toList();
        if (files.isEmpty()) {
            throw new UsageException(
                    root + " holds no committed archive files (expected **/part-*.parquet)");
        }
        return files;
    }

    /**
     * Reads every committed file of the archive at {@code root}.
     *
     * @param onFile called after each file (progress)
     */
    public static ArchivedHistory read(Path root, ArchiveStretch stretch, Consumer<Path> onFile) {
        List<Path> files = files(root);
        ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(root);
        Map<InputKind, List<ArchiveRecord>> inputs = new EnumMap<>(InputKind.class);
        for (InputKind kind : InputKind.values()) {
            inputs.put(kind, new ArrayList<>());
        }
        List<ArchiveRecord> outputs = new ArrayList<>();
        List<ArchiveRecord> allOutputs = new ArrayList<>();
        for (List<ArchiveRecord> rows : readAll(reader, files, onFile)) {
            for (ArchiveRecord row : rows) {
                Optional<InputKind> input = InputKind.of(row);
                if (input.isPresent()) {
                    if (stretch.reads(row.eventTime())) {
                        inputs.get(input.get()).add(row);
                    }
                } else {
                    allOutputs.add(row);
                    if (stretch.contains(row.eventTime())) {
                        outputs.add(row);
                    }
                }
            }
        }
        return new ArchivedHistory(root, inputs, outputs, allOutputs, files.size());
    }

    /**
     * This history with only the inputs {@code keep} accepts (the decision and output rows stay):
     * the inputs of one incident's keys, for {@code replay incident}.
     */
    public ArchivedHistory onlyInputs(java.util.function.Predicate<ArchiveRecord> keep) {
        Map<InputKind, List<ArchiveRecord>> kept = new EnumMap<>(InputKind.class);
        for (Map.Entry<InputKind, List<ArchiveRecord>> e : inputs.entrySet()) {
            kept.put(e.getKey(), e.getValue().stream().filter(keep).toList());
        }
        return new ArchivedHistory(root, kept, outputs, allOutputs, files);
    }

    /**
     * The rows of every file, in file order, read by {@link #READERS} threads: an archive written
     * by a bounded run holds one small file per writer and checkpoint, and opening each costs more
     * than its rows.
     */
    private static List<List<ArchiveRecord>> readAll(
            ArchiveReader<ArchiveRecord> reader, List<Path> files, Consumer<Path> onFile) {
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<List<ArchiveRecord>>> read = new ArrayList<>();
            for (Path file : files) {
                read.add(pool.submit(() -> readFile(reader, file)));
            }
            List<List<ArchiveRecord>> out = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                out.add(result(read.get(i)));
                onFile.accept(files.get(i));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ArchiveRecord> result(Future<List<ArchiveRecord>> file) {
        try {
            return file.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the archive", e);
        }
    }

    /** Rows of one file; a file that cannot be read is named in the error. */
    static List<ArchiveRecord> readFile(ArchiveReader<ArchiveRecord> reader, Path file) {
        try {
            return reader.readFile(file);
        } catch (RuntimeException e) {
            // An UncheckedIOException; or the codec refusing an unknown schema version or row kind
            // with IllegalArgumentException.
            throw ArchiveListing.unreadable(file, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Inputs of one kind before the stretch's end, in file order (not yet in replay order). */
    public List<ArchiveRecord> inputs(InputKind kind) {
        return inputs.get(kind);
    }

    /** Number of inputs the replay feeds to the pipeline. */
    public long replayedInputs() {
        return InputKind.fed(inputs);
    }

    /** The archived decision and output rows inside the stretch. */
    public List<ArchiveRecord> outputs() {
        return outputs;
    }

    /** Every archived decision and output row, inside the stretch or not. */
    public List<ArchiveRecord> allOutputs() {
        return allOutputs;
    }

    public int fileCount() {
        return files;
    }

    /** Event time of the first and last input read, or empty when there is none. */
    public Optional<long[]> inputRange() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (List<ArchiveRecord> rows : inputs.values()) {
            for (ArchiveRecord r : rows) {
                min = Math.min(min, r.eventTime());
                max = Math.max(max, r.eventTime());
            }
        }
        return min > max ? Optional.empty() : Optional.of(new long[] {min, max});
    }
}
