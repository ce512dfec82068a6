package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.sinks.DeadLetterSerializer;
import dev.pagerboy.streaming.sinks.JsonKafkaSerializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Regression test for the poison pill chaos R4 found (docs/RELIABILITY.md, "Findings"): a bad
 * record the broker accepts with its default limits (up to about 1 MB) becomes a dead letter that
 * carries the raw bytes base64-encoded, a third larger. Written whole, the dead-letter sink's
 * producer refused it with {@code RecordTooLargeException} (its {@code max.request.size} is Kafka's
 * default, 1 MiB), which killed the TaskManager. The sink now writes such a dead letter truncated,
 * with the whole record's size and digest ({@code DeadLetterSerializer}).
 */
class OversizedDeadLetterTest {

    /** Kafka's default {@code max.request.size}; the job's sinks do not raise it. */
    static final int PRODUCER_LIMIT = 1 << 20;

    /** Well under a default broker's {@code message.max.bytes} (1,048,588). */
    static final int RECORD_BYTES = 900_000;

    @Test
    void writtenWholeTheDeadLetterOfANearlyMaximalRecordWouldNotFitTheProducersLimit() {
        ProducerRecord<byte[], byte[]> whole =
                new JsonKafkaSerializer<DeadLetter>("dead-letters", d -> "alerts/0/1")
                        .serialize(deadLetter(), null, 0L);
        assertThat(whole.value().length + whole.key().length).isGreaterThan(PRODUCER_LIMIT);
    }

    @Test
    void theDeadLetterSinkWritesItSmallEnoughForTheProducer() {
        ProducerRecord<byte[], byte[]> written =
                new DeadLetterSerializer("dead-letters").serialize(deadLetter(), null, 0L);
        assertThat(written.value().length + written.key().length)
                .isLessThanOrEqualTo(PRODUCER_LIMIT);
        assertThat(new String(written.value(), StandardCharsets.UTF_8))
                .contains("\"rawTruncated\":true", "\"rawBytes\":" + recordValue().length);
    }

    private static DeadLetter deadLetter() {
        ParseResult result =
                new AlertParser()
                        .parse(
                                new RawInput(
                                        "alerts",
                                        0,
                                        1,
                                        1_767_225_600_000L,
                                        new byte[0],
                                        recordValue()));
        assertThat(result.isDeadLetter()).isTrue();
        return result.deadLetter();
    }

    private static byte[] recordValue() {
        byte[] value =
                ("[" + "1,".repeat(RECORD_BYTES / 2 - 1) + "1]").getBytes(StandardCharsets.UTF_8);
        assertThat(value.length).isLessThan(1_048_588);
        return value;
    }
}
