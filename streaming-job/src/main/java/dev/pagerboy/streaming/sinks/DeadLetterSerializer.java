package dev.pagerboy.streaming.sinks;

import dev.pagerboy.streaming.records.DeadLetter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters to their topic, never larger than a producer can send. A bad record the
 * broker accepted can be close to its 1 MB limit, and its dead letter carries the bytes base64
 * encoded, a third larger: written as is, the sink's producer refused it with {@code
 * RecordTooLargeException}, which killed the TaskManager and, after the restarts, the job (chaos
 * R4, docs/RELIABILITY.md).
 *
 * <p>A dead letter whose JSON would exceed {@link #MAX_VALUE_BYTES} is written as a {@link
 * Truncated} dead letter instead: the same reason and source coordinates, the first {@link
 * #KEPT_RAW_BYTES} bytes of the record, and the whole record's size and SHA-256. Nothing is lost:
 * the archive's {@code dead_letter} row keeps every byte (Parquet has no such limit), and the
 * digest ties the two together.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /**
     * The largest dead-letter value written whole. Kafka's default {@code max.request.size} is 1
     * MiB; the key, headers and batch overhead need far less than the 64 KiB left.
     */
    public static final int MAX_VALUE_BYTES = 960 * 1024;

    /** How much of an oversized record a truncated dead letter still shows. */
    public static final int KEPT_RAW_BYTES = 64 * 1024;

    /**
     * A dead letter too large for the topic: {@link DeadLetter}'s fields, with {@code rawBase64}
     * holding only the record's first {@link #KEPT_RAW_BYTES} bytes.
     *
     * @param rawBytes the size of the whole record
     * @param rawSha256 the SHA-256 of the whole record, lowercase hex (the archive row has it all)
     * @param rawTruncated always {@code true}, so a consumer can tell without comparing sizes
     */
    public record Truncated(
            String reason,
            String rawBase64,
            String topic,
            int partition,
            long offset,
            long eventTime,
            int rawBytes,
            String rawSha256,
            boolean rawTruncated) {

        static Truncated of(DeadLetter letter) {
            byte[] raw = Base64.getDecoder().decode(letter.rawBase64());
            byte[] kept = Arrays.copyOf(raw, Math.min(raw.length, KEPT_RAW_BYTES));
            return new Truncated(
                    letter.reason(),
                    Base64.getEncoder().encodeToString(kept),
                    letter.topic(),
                    letter.partition(),
                    letter.offset(),
                    letter.eventTime(),
                    raw.length,
                    sha256(raw),
                    true);
        }
    }

    private final JsonKafkaSerializer<DeadLetter> whole;
    private final JsonKafkaSerializer<Truncated> truncated;

    /** Dead letters for {@code topic}, keyed by the bad record's {@code topic/partition/offset}. */
    public DeadLetterSerializer(String topic) {
        this.whole =
                new JsonKafkaSerializer<>(
                        topic, d -> coordinates(d.topic(), d.partition(), d.offset()));
        this.truncated =
                new JsonKafkaSerializer<>(
                        topic, d -> coordinates(d.topic(), d.partition(), d.offset()));
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        whole.open(context, sinkContext);
        truncated.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> record = whole.serialize(letter, context, timestamp);
        if (record.value().length <= MAX_VALUE_BYTES) {
            return record;
        }
        return truncated.serialize(Truncated.of(letter), context, timestamp);
    }

    private static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
