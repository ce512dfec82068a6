package dev.pagerboy.streaming.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record exactly as it arrived on an input topic (alerts or silences), before any
 * parsing. It is the unit the archive stores as "the input" and the unit a dead letter points back
 * to, so it keeps the record's coordinates and its untouched bytes.
 *
 * @param topic the Kafka topic the record was read from
 * @param partition the Kafka partition
 * @param offset the record's offset within its partition
 * @param timestamp the Kafka record timestamp in epoch milliseconds; this is the event time of
 *     everything derived from the record
 * @param key the record key bytes, or {@code null} when the record had no key
 * @param value the record value bytes (never {@code null}; an absent value is an empty array)
 */
public record RawInput(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    /** Where the record came from, as {@code topic/partition/offset}. */
    public String sourceRef() {
        return topic + "/" + partition + "/" + offset;
    }

    // Arrays compare by content, so that two deliveries of the same bytes are equal records.
    @Override
    public boolean equals(Object o) {
        return o instanceof RawInput other
                && partition == other.partition
                && offset == other.offset
                && timestamp == other.timestamp
                && Objects.equals(topic, other.topic)
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(topic, partition, offset, timestamp);
        h = 31 * h + Arrays.hashCode(key);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawInput["
                + sourceRef()
                + " @"
                + timestamp
                + ", key="
                + (key == null ? "null" : key.length + "B")
                + ", value="
                + (value == null ? "null" : value.length + "B")
                + "]";
    }
}
