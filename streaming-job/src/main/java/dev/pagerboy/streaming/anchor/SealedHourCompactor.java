package dev.pagerboy.streaming.anchor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveReader;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Merges the many files of each sealed event hour of a local archive into one file, with the same
 * rows in the same order ({@code ./pagerboy archive compact}).
 *
 * <p>Why: a live job leaves about 120 files per event hour (two writers, the file sink's
 * once-a-minute compaction), and a query's cost is set by files, not rows: ~17× the CPU of one file
 * per hour (docs/BENCHMARKS.md, issue 18). Once an hour is sealed its rows are final, so it can be
 * one file.
 *
 * <p>An hour is merged only when its committed files hold exactly the rows its {@code archive_root}
 * rows list (every covered row under a root with the digest the root lists, every listed row
 * present, none twice: {@code archive verify}'s local check), and its newest file is older than
 * {@code minAge}. An hour still open, with late rows waiting for their generation, with rows not
 * yet committed, or that does not verify is left as it is: compaction never merges rows that are
 * not sealed, and never rewrites evidence of tampering. Hour roots hash rows sorted by id, not
 * files, so the merged file gives the same roots; the rows keep the order a reader met them in (the
 * hour's files in path order), so nothing that sorts stably by time changes either.
 *
 * <p>Steps, each safe to stop after ({@link Step}): the merged file is written under a hidden name
 * and read back; renamed in ({@code sealed-<uuid>.parquet}, its footer naming the files it
 * replaces, {@link SealedHourFiles}); then the replaced files are deleted. Readers drop the files a
 * merged file replaces, so every row is seen once at every moment. A merge that stopped is finished
 * by the next run (replaced files deleted, a hidden half-written file removed). Runs on one archive
 * are serialized by a lock file ({@value #LOCK}).
 */
public final class SealedHourCompactor {

    /** The lock file at the archive's root: one compaction at a time. */
    public static final String LOCK = ".compaction.lock";

    private static final String WRITING_SUFFIX = ".parquet.writing";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The steps of one hour's merge, in order. */
    public enum Step {
        /** the merged file is written and checked, under a hidden name */
        WRITTEN,
        /** the merged file is renamed to its visible name */
        RENAMED_IN,
        /** one replaced file is deleted */
        REPLACED_FILE_DELETED
    }

    /** Told of each step as it completes (a test stops the merge there, as a crash would). */
    @FunctionalInterface
    public interface StepListener {
        void after(Step step, Path file) throws IOException;
    }

    /** What was done with an hour. */
    public enum Verdict {
        MERGED,
        /** one file already: nothing to do */
        ONE_FILE,
        /** not (all) sealed yet, or rows its roots list are not committed yet */
        NOT_SEALED,
        /** a file is younger than the minimum age */
        TOO_RECENT,
        /** the rows do not match their roots: left for {@code archive verify} to name */
        DIFFERS
    }

    /**
     * One hour's outcome.
     *
     * @param dir the hour's directory
     * @param filesBefore current files of the hour before (merged files' replaced ones not counted)
     * @param rows rows of the hour (0 when they were not read)
     * @param detail why an hour was left, or the merged file's name
     */
    public record HourResult(
            Path dir, Verdict verdict, int filesBefore, long rows, String detail) {}

    private final Path archive;
    private final Duration minAge;
    private final StepListener steps;
    private final ArchiveReader<ArchiveRecord> reader;

    /**
     * Compacts {@code archive}, merging hours whose newest file is at least {@code minAge} old.
     *
     * @param steps told after each step
     */
    public SealedHourCompactor(Path archive, Duration minAge, StepListener steps) {
        this.archive = archive.toAbsolutePath().normalize();
        this.minAge = minAge;
        this.steps = steps;
        this.reader = new ArchiveReader<>(this.archive, new ArchiveRecordCodec());
    }

    public SealedHourCompactor(Path archive, Duration minAge) {
        this(archive, minAge, (step, file) -> {});
    }

    /**
     * Every hour directory of the archive, in path order, looked at once ({@code now} decides the
     * files' age).
     *
     * @throws IllegalStateException if another compaction of this archive is running
     */
    public List<HourResult> compactAll(Instant now) throws IOException {
        if (!Files.isDirectory(archive)) {
            throw new IllegalArgumentException("no archive directory at " + archive);
        }
        try (FileChannel channel =
                        FileChannel.open(
                                archive.resolve(LOCK),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock lock = lock(channel)) {
            List<HourResult> results = new ArrayList<>();
            for (Path dir : hourDirectories()) {
                results.add(compactHour(dir, now));
            }
            return results;
        }
    }

    private FileLock lock(FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException(
                    "another compaction of " + archive + " is running (it holds " + LOCK + ")");
        }
        return lock;
    }

    /** {@code date=…/hour=…} directories, in path order. */
    private List<Path> hourDirectories() throws IOException {
        List<Path> hours = new ArrayList<>();
        try (Stream<Path> dates = Files.list(archive)) {
            for (Path date : dates.filter(SealedHourCompactor::isDateDirectory).sorted().toList()) {
                try (Stream<Path> inDate = Files.list(date)) {
                    inDate.filter(d -> HOUR_DIR.matcher(d.getFileName().toString()).matches())
                            .filter(Files::isDirectory)
                            .sorted()
                            .forEach(hours::add);
                }
            }
        }
        return hours;
    }

    private static boolean isDateDirectory(Path dir) {
        return DATE_DIR.matcher(dir.getFileName().toString()).matches() && Files.isDirectory(dir);
    }

    private static final Pattern DATE_DIR = Pattern.compile("date=\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HOUR_DIR = Pattern.compile("hour=\\d{2}");

    private HourResult compactHour(Path dir, Instant now) throws IOException {
        finishInterrupted(dir);
        List<Path> files = SealedHourFiles.current(committedIn(dir));
        if (files.size() <= 1) {
            return new HourResult(dir, Verdict.ONE_FILE, files.size(), 0, "");
        }
        Instant newest = Instant.EPOCH;
        for (Path file : files) {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            newest = modified.isAfter(newest) ? modified : newest;
        }
        if (newest.plus(minAge).isAfter(now)) {
            return new HourResult(
                    dir,
                    Verdict.TOO_RECENT,
                    files.size(),
                    0,
                    "its newest file is from " + newest + " (younger than " + minAge + ")");
        }
        List<ArchiveRecord> rows = new ArrayList<>();
        for (Path file : files) {
            rows.addAll(reader.readFile(file));
        }
        List<HourLeaves.Leaf> leaves = new ArrayList<>(rows.size());
        for (ArchiveRecord row : rows) {
            leaves.add(ArchiveHourRoot.leaf(row));
        }
        HourResult leftAlone = unsealed(dir, files.size(), rows, leaves);
        if (leftAlone != null) {
            return leftAlone;
        }
        Path merged = merge(dir, files, rows, leaves);
        return new HourResult(
                dir, Verdict.MERGED, files.size(), rows.size(), merged.getFileName().toString());
    }

    /**
     * Finishes a merge that stopped: deletes the files a merged file replaces, and a hidden merged
     * file that was never renamed in (only one compaction runs at a time, so it is no one's).
     */
    private void finishInterrupted(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("." + SealedHourFiles.PREFIX)
                        && name.endsWith(WRITING_SUFFIX)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        for (Path file : committedIn(dir)) {
            if (SealedHourFiles.isSealed(file)) {
                for (String replaced : SealedHourFiles.replacedBy(file)) {
                    Files.deleteIfExists(dir.resolve(replaced));
                }
            }
        }
    }

    /** The committed Parquet files of one hour directory (not hidden), in path order. */
    private static List<Path> committedIn(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(
                            f -> {
                                String name = f.getFileName().toString();
                                return name.endsWith(".parquet")
                                        && !name.startsWith(".")
                                        && !name.startsWith("_");
                            })
                    .sorted()
                    .toList();
        }
    }

    /**
     * Why the hour must be left as it is, or null when its rows are exactly what its roots list.
     */
    private static HourResult unsealed(
            Path dir, int files, List<ArchiveRecord> rows, List<HourLeaves.Leaf> leaves) {
        long hour = hourOf(dir);
        Map<String, Bytes32> listed = new HashMap<>();
        int roots = 0;
        for (ArchiveRecord row : rows) {
            if (ArchiveHourRoot.hourOf(row.eventTime()) != hour) {
                return left(
                        dir,
                        Verdict.DIFFERS,
                        files,
                        rows,
                        "row " + row.id() + " is not of this hour");
            }
            if (row.kind() != ArchiveKind.ARCHIVE_ROOT) {
                continue;
            }
            roots++;
            HourLeaves rootLeaves;
            try {
                rootLeaves = HourLeaves.fromBytes(row.raw());
            } catch (RuntimeException e) {
                return left(
                        dir,
                        Verdict.DIFFERS,
                        files,
                        rows,
                        "the leaves of " + row.id() + " cannot be read: " + e.getMessage());
            }
            if (!rootLeaves.root().toHex().equals(statedRoot(row))) {
                return left(
                        dir,
                        Verdict.DIFFERS,
                        files,
                        rows,
                        "the leaves of " + row.id() + " do not give the root it states");
            }
            for (HourLeaves.Leaf leaf : rootLeaves.leaves()) {
                if (listed.put(leaf.rowId(), leaf.digest()) != null) {
                    return left(
                            dir,
                            Verdict.DIFFERS,
                            files,
                            rows,
                            "row " + leaf.rowId() + " is listed under two roots");
                }
            }
        }
        if (roots == 0) {
            return left(dir, Verdict.NOT_SEALED, files, rows, "no archive_root row yet");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ArchiveRecord row = rows.get(i);
            if (!ArchiveHourRoot.covers(row.kind())) {
                continue;
            }
            Bytes32 digest = listed.get(row.id());
            if (digest == null) {
                return left(
                        dir,
                        Verdict.NOT_SEALED,
                        files,
                        rows,
                        "row " + row.id() + " is under no root yet (a later generation is open)");
            }
            if (!digest.equals(leaves.get(i).digest())) {
                return left(
                        dir,
                        Verdict.DIFFERS,
                        files,
                        rows,
                        "row " + row.id() + " does not have the digest its root lists");
            }
            if (!seen.add(row.id())) {
                return left(
                        dir, Verdict.DIFFERS, files, rows, "row " + row.id() + " is there twice");
            }
        }
        if (seen.size() != listed.size()) {
            return left(
                    dir,
                    Verdict.NOT_SEALED,
                    files,
                    rows,
                    (listed.size() - seen.size())
                            + " rows its roots list are not in its files (not committed yet, or"
                            + " deleted)");
        }
        return null;
    }

    private static HourResult left(
            Path dir, Verdict verdict, int files, List<ArchiveRecord> rows, String why) {
        return new HourResult(dir, verdict, files, rows.size(), why);
    }

    private static String statedRoot(ArchiveRecord rootRow) {
        try {
            return JSON.readTree(rootRow.payloadJson()).path("root").asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** The start of the hour of a {@code date=YYYY-MM-DD/hour=HH} directory (epoch ms). */
    private static long hourOf(Path dir) {
        LocalDate date = LocalDate.parse(dir.getParent().getFileName().toString().substring(5));
        int hour = Integer.parseInt(dir.getFileName().toString().substring(5));
        return date.atTime(hour, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Writes, checks, renames in, deletes the replaced files; returns the merged file. */
    private Path merge(
            Path dir, List<Path> files, List<ArchiveRecord> rows, List<HourLeaves.Leaf> leaves)
            throws IOException {
        String name = SealedHourFiles.PREFIX + UUID.randomUUID() + ".parquet";
        Path hidden = dir.resolve("." + name.replace(".parquet", WRITING_SUFFIX));
        Path merged = dir.resolve(name);
        write(hidden, rows, replaced(files));
        List<ArchiveRecord> back = reader.readFile(hidden);
        for (int i = 0; i < Math.max(back.size(), rows.size()); i++) {
            if (i >= back.size()
                    || i >= rows.size()
                    || !ArchiveHourRoot.leaf(back.get(i)).equals(leaves.get(i))) {
                Files.deleteIfExists(hidden);
                throw new IOException(
                        hidden + ": the merged file does not read back as the rows written");
            }
        }
        steps.after(Step.WRITTEN, hidden);
        Files.move(hidden, merged, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        steps.after(Step.RENAMED_IN, merged);
        for (Path file : files) {
            Files.deleteIfExists(file);
            steps.after(Step.REPLACED_FILE_DELETED, file);
        }
        syncDirectory(dir);
        return merged;
    }

    /**
     * The names the merged file replaces: the files themselves and, for a merged file among them
     * (late rows merged again), the names it replaced, so a file once merged stays known as such.
     */
    private static String replaced(List<Path> files) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Path file : files) {
            names.add(file.getFileName().toString());
            if (SealedHourFiles.isSealed(file)) {
                names.addAll(SealedHourFiles.replacedBy(file));
            }
        }
        return String.join("/", names);
    }

    private static void write(Path file, List<ArchiveRecord> rows, String replaced)
            throws IOException {
        org.apache.flink.core.fs.Path target =
                org.apache.flink.core.fs.Path.fromLocalFile(file.toFile());
        FileSystem fs = target.getFileSystem();
        try (FSDataOutputStream out = fs.create(target, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ReplacingCodec(replaced)).create(out);
            for (ArchiveRecord row : rows) {
                writer.addElement(row);
            }
            writer.finish(); // closes the Parquet writer, not the stream
            out.sync();
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync directory " + dir, e);
        }
    }
}
