package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The assigner remembers the last hour's bucket name; whatever order rows come in, each gets the
 * directory of its own event hour, also after the assigner was shipped to a task (serialized).
 */
class EventHourBucketAssignerTest {

    private final ArchiveRecordCodec codec = new ArchiveRecordCodec();

    @Test
    void everyRowGetsItsOwnHourWhateverTheOrder() throws Exception {
        EventHourBucketAssigner<ArchiveRecord> assigner =
                shipped(new EventHourBucketAssigner<>(codec));
        long[] times = {
            at("2026-11-28T13:00:00Z"),
            at("2026-11-28T13:59:59.999Z"),
            at("2026-11-28T14:00:00Z"),
            at("2026-11-28T13:30:00Z"), // late row: back to the previous hour
            at("2026-11-29T00:00:00Z"),
            at("1969-12-31T23:59:59.999Z"), // before the epoch: floor, not truncation
            at("1970-01-01T00:00:00Z"),
            0L
        };
        for (long t : times) {
            assertThat(assigner.getBucketId(row(t), null))
                    .as("event time %s", Instant.ofEpochMilli(t))
                    .isEqualTo(EventHourBucketAssigner.bucketFor(t));
        }
        assertThat(assigner.getBucketId(row(at("1969-12-31T23:59:59.999Z")), null))
                .isEqualTo("date=1969-12-31/hour=23");
        assertThat(assigner.getBucketId(row(0L), null)).isEqualTo("date=1970-01-01/hour=00");
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static ArchiveRecord row(long eventTime) {
        return new ArchiveRecord(
                1,
                "tick:" + eventTime,
                ArchiveKind.TICK,
                eventTime,
                "",
                "",
                -1,
                -1,
                "",
                "{}",
                null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T shipped(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
