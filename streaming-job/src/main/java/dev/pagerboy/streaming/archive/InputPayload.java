package dev.pagerboy.streaming.archive;

import dev.pagerboy.streaming.records.RawInput;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical JSON payload of an input row ({@code alert_raw}, {@code ack_raw}, {@code silence}):
 * {@code {"key":…,"offset":…,"partition":…,"timestamp":…,"topic":…}}, written directly instead of
 * through {@link ArchiveRecord.CanonicalJson}'s {@code ObjectMapper}.
 *
 * <p>Every input record gets one, and the pipeline profile showed the mapper's walk of this
 * five-entry map as an eighth of the parse task's CPU (docs/BENCHMARKS.md, "Job speed, session 5").
 * The bytes are exactly the mapper's (sorted keys, the Kafka key as padded base64 or {@code null}),
 * which {@code InputPayloadTest} checks on generated inputs; a topic name that would need JSON
 * escaping (Kafka never allows one) goes through the mapper.
 */
final class InputPayload {

    private InputPayload() {}

    static String json(RawInput input) {
        String topic = input.topic();
        if (topic == null || !plainTopic(topic)) {
            return ArchiveRecord.CanonicalJson.write(asMap(input));
        }
        byte[] key = input.key();
        StringBuilder json =
                new StringBuilder(80 + topic.length() + (key == null ? 0 : key.length * 2));
        json.append("{\"key\":");
        if (key == null) {
            json.append("null");
        } else {
            json.append('"').append(Base64.getEncoder().encodeToString(key)).append('"');
        }
        return json.append(",\"offset\":")
                .append(input.offset())
                .append(",\"partition\":")
                .append(input.partition())
                .append(",\"timestamp\":")
                .append(input.timestamp())
                .append(",\"topic\":\"")
                .append(topic)
                .append("\"}")
                .toString();
    }

    /** The payload as the map the mapper writes; also the reference in tests. */
    static Map<String, Object> asMap(RawInput input) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", input.topic());
        payload.put("partition", input.partition());
        payload.put("offset", input.offset());
        payload.put("timestamp", input.timestamp());
        payload.put("key", input.key());
        return payload;
    }

    /** Kafka's legal topic characters, none of which JSON escapes. */
    private static boolean plainTopic(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '_'
                            || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }
}
