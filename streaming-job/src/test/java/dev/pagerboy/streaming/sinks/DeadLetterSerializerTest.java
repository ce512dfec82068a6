package dev.pagerboy.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

    private final DeadLetterSerializer serializer = new DeadLetterSerializer("dead-letters");

    @Test
    void anOrdinaryDeadLetterIsWrittenWholeExactlyAsBefore() {
        DeadLetter letter = letterOf("{not json".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> written = serializer.serialize(letter, null, 5L);
        ProducerRecord<byte[], byte[]> plain =
                new JsonKafkaSerializer<DeadLetter>("dead-letters", d -> "alerts/3/17")
                        .serialize(letter, null, 5L);

        assertThat(written.value()).isEqualTo(plain.value());
        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("alerts/3/17");
        assertThat(written.timestamp()).isEqualTo(5L);
    }

    @Test
    void anOversizedDeadLetterKeepsItsReasonAPrefixAndTheWholeRecordsSizeAndDigest()
            throws Exception {
        byte[] raw = new byte[1_000_000];
        Arrays.fill(raw, (byte) 'x');
        raw[0] = '[';

        ProducerRecord<byte[], byte[]> written = serializer.serialize(letterOf(raw), null, 5L);

        assertThat(written.value().length)
                .isLessThanOrEqualTo(DeadLetterSerializer.MAX_VALUE_BYTES);
        JsonNode json = new ObjectMapper().readTree(written.value());
        assertThat(json.get("reason").asText()).isEqualTo("invalid JSON");
        assertThat(json.get("rawTruncated").asBoolean()).isTrue();
        assertThat(json.get("rawBytes").asInt()).isEqualTo(raw.length);
        assertThat(json.get("rawSha256").asText())
                .isEqualTo(
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
        assertThat(Base64.getDecoder().decode(json.get("rawBase64").asText()))
                .isEqualTo(Arrays.copyOf(raw, DeadLetterSerializer.KEPT_RAW_BYTES));
        assertThat(json.get("offset").asLong()).isEqualTo(17);
        assertThat(new String(written.key(), StandardCharsets.UTF_8)).isEqualTo("alerts/3/17");
    }

    @Test
    void aDeadLetterJustUnderTheLimitIsNotTruncated() throws Exception {
        // base64 makes 3 bytes 4 characters; leave room for the other fields.
        byte[] raw = new byte[DeadLetterSerializer.MAX_VALUE_BYTES / 4 * 3 - 1024];

        ProducerRecord<byte[], byte[]> written = serializer.serialize(letterOf(raw), null, 5L);

        assertThat(new ObjectMapper().readTree(written.value()).has("rawTruncated")).isFalse();
    }

    private static DeadLetter letterOf(byte[] raw) {
        return DeadLetter.of(
                new RawInput("alerts", 3, 17, 1_000L, new byte[0], raw), "invalid JSON");
    }
}
