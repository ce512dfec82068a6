package dev.pagerboy.streaming.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for replayed alerts, acks and receipts. The live job applies an alert that reaches
 * dedup, or an ack or receipt that reaches its incident stage, behind the watermark at {@code
 * watermark + 1}, a time scheduling chose, and archives that time as a {@code late_input} row.
 * Replay gives such a record that time as its stream timestamp, which the stage takes as the time
 * to apply it at ({@code LateInput} in the job). The watermark still follows each record's own
 * event time, exactly as the live source's does: a timestamp hours ahead must not push the
 * watermark past the records after it.
 */
final class AppliedTime implements WatermarkStrategy<GenericRecord> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration maxOutOfOrderness;
    private final HashMap<String, Long> appliedAt;

    /**
     * @param appliedAt the recorded time by source coordinates ({@code topic/partition/offset})
     */
    AppliedTime(Duration maxOutOfOrderness, Map<String, Long> appliedAt) {
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.appliedAt = new HashMap<>(appliedAt);
    }

    /** The applied time a {@code late_input} row records. */
    static long of(ArchiveRecord lateInput) {
        try {
            return JSON.readTree(lateInput.payloadJson()).path("appliedAt").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lateInput.id(), e);
        }
    }

    @Override
    public TimestampAssigner<GenericRecord> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        return (row, ignored) -> {
            long own = ownTime(row);
            Long at = appliedAt.get(ref(row));
            return at == null ? own : Math.max(own, at);
        };
    }

    @Override
    public WatermarkGenerator<GenericRecord> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        BoundedOutOfOrdernessWatermarks<GenericRecord> bounded =
                new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(GenericRecord row, long timestamp, WatermarkOutput output) {
                bounded.onEvent(row, ownTime(row), output);
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                bounded.onPeriodicEmit(output);
            }
        };
    }

    private static long ownTime(GenericRecord row) {
        return (Long) row.get("event_time");
    }

    private static String ref(GenericRecord row) {
        return row.get("source_topic")
                + "/"
                + row.get("source_partition")
                + "/"
                + row.get("source_offset");
    }
}
