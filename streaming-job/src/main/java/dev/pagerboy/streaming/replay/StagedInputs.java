package dev.pagerboy.streaming.replay;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The replay's inputs, one Parquet file per pipeline input (alerts, ticks, silences, acks,
 * receipts), each in {@link InputOrder}: the bounded Flink {@code FileSource} reads each file as
 * one split, in order. Same columns as the archive, so the staged files are archive rows
 * themselves.
 *
 * <p>Why stage instead of reading the archive's files directly with the {@code FileSource}: a file
 * source assigns its splits (files) to readers one at a time, and a reader's watermark follows only
 * the splits it has been given, so the first file's watermark races ahead of records in files not
 * yet assigned, and those arrive late. The live job's Kafka source holds all partitions at once.
 * One ordered file per input gives a watermark that never passes a record still to come.
 *
 * @param alerts the {@code alert_raw} rows
 * @param ticks the {@code tick} rows
 * @param silences the {@code silence} rows
 * @param acks the {@code ack_raw} rows
 * @param receipts the {@code receipt_raw} rows (the dispatcher's delivery receipts)
 * @param count rows the replay feeds
 * @param appliedAt the event time the live job applied each late alert, ack or receipt at, by its
 *     record's source coordinates ({@code topic/partition/offset}), from the {@code late_input}
 *     rows: the sources give such a record this stream timestamp, so the pipeline applies it there
 *     again. Dedup writes one row per alert; the alerts of one message (an Alertmanager webhook)
 *     are normally late together, at one time, but at a parallelism above 1 two dedup subtasks can
 *     have met them at different watermarks: a record's stream timestamp holds one time, the
 *     latest, and {@code --verify} then shows its other alerts' decisions as changed
 * @param lateFlushes the event time the live job's incident stage applied each group flush it met
 *     behind its watermark at, by the flush's idempotency key ({@code late_input} rows of stage
 *     {@value LateFlushes#STAGE}): a flush is no input record, so the pipeline's incident stage
 *     gets these times with its configuration
 * @param lateAlerts the same for routed alerts the live job's group stage met behind its watermark
 *     (stage {@value LateRoutedAlerts#STAGE}), by {@link LateRoutedAlerts#key}
 * @param lateControls the same for silences, ticks and inhibition source changes, per group subtask
 *     that met them late (stage {@value LateControls#STAGE}), by {@link LateControls#key}
 */
public record StagedInputs(
        Path alerts,
        Path ticks,
        Path silences,
        Path acks,
        Path receipts,
        long count,
        Map<String, Long> appliedAt,
        LateFlushes lateFlushes,
        LateRoutedAlerts lateAlerts,
        LateControls lateControls) {

    public StagedInputs {
        appliedAt = Map.copyOf(appliedAt);
    }

    /**
     * Writes the replayed inputs of {@code history} under {@code dir}, through Flink's file systems
     * (a local directory, or shared storage that a cluster's task managers read).
     *
     * @param history the archived input rows of one kind, in any order (the archive's file order)
     */
    public static StagedInputs write(Function<InputKind, List<ArchiveRecord>> history, Path dir) {
        ArchiveRecordCodec codec = new ArchiveRecordCodec();
        long count = 0;
        Path alerts = new Path(dir, "alerts.parquet");
        Path ticks = new Path(dir, "ticks.parquet");
        Path silences = new Path(dir, "silences.parquet");
        Path acks = new Path(dir, "acks.parquet");
        Path receipts = new Path(dir, "receipts.parquet");
        count += write(codec, InputOrder.ordered(history.apply(InputKind.ALERT_RAW)), alerts);
        count += write(codec, InputOrder.ordered(history.apply(InputKind.TICK)), ticks);
        count += write(codec, InputOrder.ordered(history.apply(InputKind.SILENCE)), silences);
        count += write(codec, InputOrder.ordered(history.apply(InputKind.ACK_RAW)), acks);
        count += write(codec, InputOrder.ordered(history.apply(InputKind.RECEIPT_RAW)), receipts);
        return new StagedInputs(
                alerts,
                ticks,
                silences,
                acks,
                receipts,
                count,
                appliedAt(history),
                LateFlushes.recorded(derived(history, LateFlushes.STAGE)),
                LateRoutedAlerts.recorded(derived(history, LateRoutedAlerts.STAGE)),
                LateControls.recorded(derived(history, LateControls.STAGE)));
    }

    private static Map<String, Long> appliedAt(Function<InputKind, List<ArchiveRecord>> history) {
        Map<String, Long> out = new HashMap<>();
        for (ArchiveRecord r : history.apply(InputKind.LATE_INPUT)) {
            if (isDerived(r)) {
                continue;
            }
            long at = AppliedTime.of(r);
            out.merge(
                    r.sourceTopic() + "/" + r.sourcePartition() + "/" + r.sourceOffset(),
                    at,
                    Math::max);
        }
        return out;
    }

    /** The recorded times of the {@code late_input} rows of {@code stage}, by their key. */
    private static Map<String, Long> derived(
            Function<InputKind, List<ArchiveRecord>> history, String stage) {
        Map<String, Long> out = new HashMap<>();
        for (ArchiveRecord r : history.apply(InputKind.LATE_INPUT)) {
            if (stage.equals(r.outcome())) {
                out.merge(r.key(), AppliedTime.of(r), Math::max);
            }
        }
        return out;
    }

    /**
     * A row that times a flush, a routed alert, or a broadcast input at one group subtask, not a
     * record of a topic for every stage.
     */
    private static boolean isDerived(ArchiveRecord lateInput) {
        return LateFlushes.STAGE.equals(lateInput.outcome())
                || LateRoutedAlerts.STAGE.equals(lateInput.outcome())
                || LateControls.STAGE.equals(lateInput.outcome());
    }

    /**
     * One staged file: the archive's own Parquet writer (same columns and codec) over a stream of
     * Flink's file system, so {@code dir} may be {@code s3://} or {@code hdfs://} as well as local.
     */
    private static long write(ArchiveRecordCodec codec, List<ArchiveRecord> rows, Path file) {
        try {
            FileSystem fs = file.getFileSystem();
            try (FSDataOutputStream out = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
                BulkWriter<ArchiveRecord> writer = new ParquetRowWriterFactory<>(codec).create(out);
                for (ArchiveRecord row : rows) {
                    writer.addElement(row);
                }
                writer.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage replay input " + file, e);
        }
        return rows.size();
    }
}
