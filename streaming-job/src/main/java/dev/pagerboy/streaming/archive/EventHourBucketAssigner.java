package dev.pagerboy.streaming.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each archive row in the {@code date=YYYY-MM-DD/hour=HH} directory (UTC) of its own event
 * time. Flink's {@code DateTimeBucketAssigner} uses the processing-time clock, which would file a
 * replayed or late row under the hour it happened to be written; the archive is organised by when
 * things happened, so replaying a stretch of history reads exactly the hours it covers. The
 * Hive-style names let DuckDB and Spark expose {@code date} and {@code hour} as columns.
 */
public final class EventHourBucketAssigner<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter BUCKET =
            DateTimeFormatter.ofPattern("'date='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    private static final long HOUR_MILLIS = 3_600_000L;

    private final AvroRowCodec<T> codec;

    // Rows arrive roughly in event-time order, so nearly every row falls in the same hour as the
    // previous one: formatting the bucket name once per hour instead of once per row. One assigner
    // serves one sink subtask (one thread), so no synchronisation.
    private transient String lastBucket;
    private transient long lastHour;

    public EventHourBucketAssigner(AvroRowCodec<T> codec) {
        this.codec = codec;
    }

    /** The bucket (relative directory) for an event time in epoch milliseconds. */
    public static String bucketFor(long eventTimeMillis) {
        return BUCKET.format(Instant.ofEpochMilli(eventTimeMillis));
    }

    @Override
    public String getBucketId(T row, Context context) {
        long eventTime = codec.eventTime(row);
        long hour = Math.floorDiv(eventTime, HOUR_MILLIS);
        if (lastBucket == null || hour != lastHour) {
            lastBucket = bucketFor(eventTime);
            lastHour = hour;
        }
        return lastBucket;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
