package dev.pagerboy.replay;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

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
        LateRoutedAlerts lateAlerts) {

    public StagedInputs {
        appliedAt = Map.copyOf(appliedAt);
    }

    /** Writes the replayed inputs of {@code history} under {@code dir} (created if needed). */
    public static StagedInputs write(ArchivedHistory history, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ArchiveRecordCodec codec = new ArchiveRecordCodec();
        long count = 0;
        Path alerts = dir.resolve("alerts.parquet");
        Path ticks = dir.resolve("ticks.parquet");
        Path silences = dir.resolve("silences.parquet");
        Path acks = dir.resolve("acks.parquet");
        count += write(codec, InputOrder.ordered(history.inputs(InputKind.ALERT_RAW)), alerts);
        count += write(codec, InputOrder.ordered(history.inputs(InputKind.TICK)), ticks);
        count += write(codec, InputOrder.ordered(history.inputs(InputKind.SILENCE)), silences);
        count += write(codec, InputOrder.ordered(history.inputs(InputKind.ACK_RAW)), acks);
        Path receipts = dir.resolve("receipts.parquet");
        count += write(codec, InputOrder.ordered(history.inputs(InputKind.RECEIPT_RAW)), receipts);
        return new StagedInputs(
                alerts,
                ticks,
                silences,
                acks,
                receipts,
                count,
                appliedAt(history),
                LateFlushes.recorded(derived(history, LateFlushes.STAGE)),
                LateRoutedAlerts.recorded(derived(history, LateRoutedAlerts.STAGE)));
    }

    private static Map<String, Long> appliedAt(ArchivedHistory history) {
        Map<String, Long> out = new HashMap<>();
        for (ArchiveRecord r : history.inputs(InputKind.LATE_INPUT)) {
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
    private static Map<String, Long> derived(ArchivedHistory history, String stage) {
        Map<String, Long> out = new HashMap<>();
        for (ArchiveRecord r : history.inputs(InputKind.LATE_INPUT)) {
            if (stage.equals(r.outcome())) {
                out.merge(r.key(), AppliedTime.of(r), Math::max);
            }
        }
        return out;
    }

    /** A row that times a flush or a routed alert, not a record of a topic. */
    private static boolean isDerived(ArchiveRecord lateInput) {
        return LateFlushes.STAGE.equals(lateInput.outcome())
                || LateRoutedAlerts.STAGE.equals(lateInput.outcome());
    }

    private static long write(ArchiveRecordCodec codec, List<ArchiveRecord> rows, Path file) {
        try {
            Files.deleteIfExists(file);
            try (ParquetWriter<GenericRecord> writer =
                    AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                            .withSchema(codec.schema())
                            .withDataModel(GenericData.get())
                            .build()) {
                for (ArchiveRecord row : rows) {
                    writer.write(codec.toAvro(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage replay input " + file, e);
        }
        return rows.size();
    }
}
