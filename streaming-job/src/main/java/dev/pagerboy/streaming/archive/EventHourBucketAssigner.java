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

    private final AvroRowCodec<T> codec;

    public EventHourBucketAssigner(AvroRowCodec<T> codec) {
        this.codec = codec;
    }

    /** The bucket (relative directory) for an event time in epoch milliseconds. */
    public static String bucketFor(long eventTimeMillis) {
        return BUCKET.format(Instant.ofEpochMilli(eventTimeMillis));
    }

    @Override
    public String getBucketId(T row, Context context) {
        return bucketFor(codec.eventTime(row));
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
