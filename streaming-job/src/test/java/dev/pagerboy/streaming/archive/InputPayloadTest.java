package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written input payload is byte for byte what the canonical mapper wrote before, so
 * archives written before and after it compare equal in replay.
 */
class InputPayloadTest {

    private static final String TOPIC_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    @Test
    void writesTheMappersBytesForGeneratedInputs() {
        Random random = new Random(13);
        long[] edges = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1_764_334_800_000L};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder topic = new StringBuilder();
            for (int n = 1 + random.nextInt(20); n > 0; n--) {
                topic.append(TOPIC_CHARS.charAt(random.nextInt(TOPIC_CHARS.length())));
            }
            byte[] key = null;
            if (random.nextInt(4) > 0) {
                key = new byte[random.nextInt(40)];
                random.nextBytes(key);
            }
            long offset = i % 7 == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
            long timestamp = i % 5 == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
            int partition = i % 11 == 0 ? -1 : random.nextInt(Integer.MAX_VALUE);
            RawInput input =
                    new RawInput(topic.toString(), partition, offset, timestamp, key, new byte[0]);

            assertThat(InputPayload.json(input))
                    .isEqualTo(ArchiveRecord.CanonicalJson.write(InputPayload.asMap(input)));
        }
    }

    @Test
    void aTopicThatNeedsEscapingGoesThroughTheMapper() {
        RawInput input =
                new RawInput(
                        "al\"erts\\ü", 0, 41, 7, "k".getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(InputPayload.json(input))
                .isEqualTo(ArchiveRecord.CanonicalJson.write(InputPayload.asMap(input)))
                .contains("\"topic\":\"al\\\"erts\\\\ü\"");
    }

    @Test
    void anInputRowCarriesThePayload() {
        RawInput input = new RawInput("alerts", 1, 9, 1_764_334_800_000L, null, "{}".getBytes());

        assertThat(ArchiveRecord.rawAlert(input).payloadJson())
                .isEqualTo(
                        "{\"key\":null,\"offset\":9,\"partition\":1,"
                                + "\"timestamp\":1764334800000,\"topic\":\"alerts\"}");
    }
}
