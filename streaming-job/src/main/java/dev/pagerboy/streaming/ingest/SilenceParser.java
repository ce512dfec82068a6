package dev.pagerboy.streaming.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.Matcher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a silence from the {@code silences} topic. The JSON is Alertmanager's API v2 silence:
 *
 * <pre>{@code
 * {"id":"maint-db-1","matchers":[{"name":"team","value":"db","isRegex":false,"isEqual":true}],
 *  "startsAt":"2026-11-28T12:00:00Z","endsAt":"2026-11-28T14:00:00Z",
 *  "createdBy":"alice","comment":"DB maintenance"}
 * }</pre>
 *
 * Matchers may also be strings in Alertmanager's text form ({@code "team=~\"db|infra\""}). As in
 * Alertmanager: at least one matcher, not all of them matching the empty string, {@code endsAt}
 * after {@code startsAt}, and non-empty {@code createdBy} and {@code comment}. Without an {@code
 * id} the silence gets its content id, so a re-delivery does not create a second silence; a later
 * silence with the same id replaces the earlier one (that is how a silence is expired early).
 */
public final class SilenceParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "silence: ";

    /** Parses {@code input}; never throws for bad content. */
    public SilenceParseResult parse(RawInput input) {
        try {
            return new SilenceParseResult(silence(input), null);
        } catch (InvalidRecord e) {
            return new SilenceParseResult(null, DeadLetter.of(input, e.getMessage()));
        }
    }

    private static Silence silence(RawInput input) throws InvalidRecord {
        JsonNode root = JsonFields.parse(input.value());
        if (!root.isObject()) {
            throw new InvalidRecord(PREFIX + "expected a JSON object");
        }
        List<JsonNode> raw = JsonFields.array(root, "matchers", "matchers", PREFIX);
        if (raw.isEmpty()) {
            throw new InvalidRecord(PREFIX + "matchers is empty");
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        boolean allMatchEmpty = true;
        for (int i = 0; i < raw.size(); i++) {
            Matcher m = matcher(raw.get(i), "matchers[" + i + "]");
            matchers.add(m.toLabelMatcher());
            allMatchEmpty &= m.matches(Map.of());
        }
        if (allMatchEmpty) {
            throw new InvalidRecord(
                    PREFIX + "at least one matcher must not match the empty string");
        }
        long startsAt = JsonFields.time(root, "startsAt", "startsAt", PREFIX, true);
        long endsAt = JsonFields.time(root, "endsAt", "endsAt", PREFIX, true);
        if (endsAt <= startsAt) {
            throw new InvalidRecord(PREFIX + "endsAt must be after startsAt");
        }
        String createdBy = JsonFields.requiredString(root, "createdBy", "createdBy", PREFIX);
        String comment = JsonFields.requiredString(root, "comment", "comment", PREFIX);
        if (createdBy.isBlank()) {
            throw new InvalidRecord(PREFIX + "createdBy is empty");
        }
        if (comment.isBlank()) {
            throw new InvalidRecord(PREFIX + "comment is empty");
        }
        String id = JsonFields.optionalString(root, "id", "id", PREFIX);
        if (id == null || id.isEmpty()) {
            id = JsonFields.contentId("silence", root);
        }
        return new Silence(
                id, List.copyOf(matchers), startsAt, endsAt, createdBy, comment, input.timestamp());
    }

    private static Matcher matcher(JsonNode node, String path) throws InvalidRecord {
        try {
            if (node.isTextual()) {
                return Matcher.parse(node.textValue());
            }
            JsonNode m = JsonFields.object(node, path, PREFIX);
            String name = JsonFields.requiredString(m, "name", path + ".name", PREFIX);
            String value = JsonFields.requiredString(m, "value", path + ".value", PREFIX);
            boolean isRegex = bool(m, "isRegex", path, false);
            boolean isEqual = bool(m, "isEqual", path, true);
            Matcher.Type type =
                    isRegex
                            ? (isEqual ? Matcher.Type.REGEX : Matcher.Type.NOT_REGEX)
                            : (isEqual ? Matcher.Type.EQUAL : Matcher.Type.NOT_EQUAL);
            return Matcher.of(name, type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(PREFIX + path + ": " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode m, String field, String path, boolean absent)
            throws InvalidRecord {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw new InvalidRecord(PREFIX + path + "." + field + " must be a boolean");
        }
        return v.booleanValue();
    }
}
