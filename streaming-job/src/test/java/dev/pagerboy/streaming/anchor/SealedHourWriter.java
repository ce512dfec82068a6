package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Writes event hours into an archive directory as a live job leaves them: the hour's rows spread
 * over many committed part files, written by the job's own Parquet writer, with the hour's {@code
 * archive_root} row (the sealer's row, {@link ArchiveHourRoot#row}) in the last file. For the
 * compaction tests and the audit shell's benchmark of a live layout.
 */
public final class SealedHourWriter {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private SealedHourWriter() {}

    /** The {@code date=…/hour=…} directory of the hour starting at {@code hourStart}. */
    public static Path hourDir(Path archive, long hourStart) {
        Instant at = Instant.ofEpochMilli(hourStart);
        return archive.resolve("date=" + DATE.format(at)).resolve("hour=" + HOUR.format(at));
    }

    /**
     * Writes {@code rows} (all of one hour) over {@code files} part files, then seals them as
     * {@code generation}: its {@code archive_root} row goes into the last file.
     *
     * @return the root row
     */
    public static ArchiveRecord writeSealed(
            Path archive, long hourStart, int generation, List<ArchiveRecord> rows, int files)
            throws IOException {
        HourLeaves leaves = ArchiveHourRoot.leavesOf(hourStart, rows);
        ArchiveRecord root = ArchiveHourRoot.of(hourStart, generation, leaves).row(leaves);
        List<ArchiveRecord> all = new ArrayList<>(rows);
        all.add(root);
        write(archive, hourStart, all, files);
        return root;
    }

    /** Writes {@code rows} (all of one hour) over {@code files} part files, unsealed. */
    public static List<Path> write(
            Path archive, long hourStart, List<ArchiveRecord> rows, int files) throws IOException {
        Path dir = hourDir(archive, hourStart);
        Files.createDirectories(dir);
        String writer = UUID.randomUUID().toString();
        List<Path> written = new ArrayList<>();
        int per = (rows.size() + files - 1) / files;
        for (int f = 0; f * per < rows.size(); f++) {
            Path file = dir.resolve("part-" + writer + "-0-" + f + ".parquet");
            writeFile(file, rows.subList(f * per, Math.min(rows.size(), (f + 1) * per)));
            written.add(file);
        }
        return written;
    }

    /** One Parquet file of {@code rows}, as the job's archive writer writes it. */
    public static void writeFile(Path file, List<ArchiveRecord> rows) throws IOException {
        FileSystem fs = FileSystem.getLocalFileSystem();
        try (FSDataOutputStream out =
                fs.create(
                        org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ArchiveRecordCodec()).create(out);
            for (ArchiveRecord row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
    }

    /** A row of {@code kind} at {@code eventTime}, as the job's rows look to a reader. */
    public static ArchiveRecord row(ArchiveKind kind, String ref, long eventTime, String key) {
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                kind.rowId(ref),
                kind,
                eventTime,
                key,
                kind == ArchiveKind.ALERT_RAW ? "alerts" : "",
                kind == ArchiveKind.ALERT_RAW ? 0 : -1,
                kind == ArchiveKind.ALERT_RAW ? Long.parseLong(ref.replaceAll("\\D", "")) : -1,
                kind == ArchiveKind.ALERT_RAW ? "received" : "new_firing",
                "{\"ref\":\"" + ref + "\"}",
                kind == ArchiveKind.ALERT_RAW
                        ? ("{\"n\":\"" + ref + "\"}").getBytes()
                        : new byte[0]);
    }
}
