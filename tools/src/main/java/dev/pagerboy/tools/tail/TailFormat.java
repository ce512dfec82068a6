package dev.pagerboy.tools.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One readable line per record of an output topic, for a person watching the job: a notification
 * shows when, to whom, firing or resolved, the group labels and the alerts it carries; a dead
 * letter shows where it came from and why it was refused; anything else (incidents, receipts) is
 * its JSON on one line. A value that is not JSON is shown as text, never dropped.
 */
final class TailFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RAW_EXCERPT = 80;

    enum Kind {
        NOTIFICATIONS,
        DEAD_LETTERS,
        OTHER
    }

    private TailFormat() {}

    static String line(Kind kind, byte[] value) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            return "(not JSON) " + new String(value, StandardCharsets.UTF_8);
        }
        if (node == null || !node.isObject()) {
            return "(not a JSON object) " + new String(value, StandardCharsets.UTF_8);
        }
        return switch (kind) {
            case NOTIFICATIONS -> notification(node);
            case DEAD_LETTERS -> deadLetter(node);
            case OTHER -> node.toString();
        };
    }

    private static String notification(JsonNode n) {
        List<String> labels = new ArrayList<>();
        n.path("groupLabels")
                .fields()
                .forEachRemaining(f -> labels.add(f.getKey() + "=" + f.getValue().asText()));
        int alerts = n.path("alerts").size();
        return String.format(
                "%s  %-8s %-20s {%s}  %d alert%s  key=%s",
                time(n.path("eventTime")),
                n.path("status").asText(),
                n.path("receiver").asText(),
                String.join(", ", labels),
                alerts,
                alerts == 1 ? "" : "s",
                n.path("idempotencyKey").asText());
    }

    private static String deadLetter(JsonNode n) {
        String raw;
        try {
            raw =
                    new String(
                            Base64.getDecoder().decode(n.path("rawBase64").asText()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            raw = n.path("rawBase64").asText();
        }
        raw = raw.replaceAll("\\s+", " ");
        if (raw.length() > RAW_EXCERPT) {
            raw = raw.substring(0, RAW_EXCERPT - 3) + "...";
        }
        return String.format(
                "%s  %s/%d@%d  %s  | %s",
                time(n.path("eventTime")),
                n.path("topic").asText(),
                n.path("partition").asInt(),
                n.path("offset").asLong(),
                n.path("reason").asText(),
                raw);
    }

    private static String time(JsonNode epochMillis) {
        return epochMillis.canConvertToLong()
                ? Instant.ofEpochMilli(epochMillis.asLong()).toString()
                : "(no time)";
    }
}
