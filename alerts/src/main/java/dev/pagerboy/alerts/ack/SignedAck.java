package dev.pagerboy.alerts.ack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.GoJson;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import java.util.regex.Pattern;

/**
 * A record of the {@code acks} topic: an {@link AckText}'s fields plus the signature over its text,
 * as one JSON object:
 *
 * <pre>{@code
 * {"version":"pagerboy/v1","kind":"ack","incident":"…","fingerprint":"…","engineer":"0x…",
 *  "action":"ack","ackedAt":"2026-11-28T12:05:00Z","signature":"0x<r><s><v>"}
 * }</pre>
 *
 * The text is not sent: the reader rebuilds it from the fields, so a message cannot carry a text
 * that says something else. {@code ackedAt} is RFC 3339 with millisecond precision (or epoch
 * milliseconds). Whether the signature is valid is decided where the crypto lives (contracts).
 *
 * @param text what was signed
 * @param signature {@code 0x} and 130 hex digits, r ‖ s ‖ v
 */
public record SignedAck(AckText text, String signature) {
    public static final String VERSION = "pagerboy/v1";
    public static final String KIND = "ack";
    private static final String PREFIX = "ack: ";
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");

    /** The JSON text of the message. */
    public String toJson(Rfc3339 times) {
        StringBuilder out = new StringBuilder(340);
        out.append("{\"version\":\"").append(VERSION).append("\",\"kind\":\"");
        out.append(KIND).append("\",\"incident\":");
        GoJson.string(out, text.incidentId()).append(",\"fingerprint\":");
        GoJson.string(out, text.fingerprint()).append(",\"engineer\":");
        GoJson.string(out, text.engineer()).append(",\"action\":\"");
        out.append(text.action().word()).append("\",\"ackedAt\":\"");
        times.appendTo(out, text.ackedAtMillis());
        out.append("\",\"signature\":");
        GoJson.string(out, signature);
        return out.append('}').toString();
    }

    /** Reads one message; errors read {@code ack: <field> …}. */
    public static SignedAck read(JsonNode root) throws InvalidRecord {
        if (!root.isObject()) {
            throw new InvalidRecord(PREFIX + "expected a JSON object");
        }
        String version = JsonFields.requiredString(root, "version", "version", PREFIX);
        String kind = JsonFields.requiredString(root, "kind", "kind", PREFIX);
        if (!VERSION.equals(version) || !KIND.equals(kind)) {
            throw new InvalidRecord(PREFIX + "expected version \"pagerboy/v1\" and kind \"ack\"");
        }
        String signature = JsonFields.requiredString(root, "signature", "signature", PREFIX);
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new InvalidRecord(PREFIX + "signature must be 0x and 130 hex digits");
        }
        try {
            return new SignedAck(
                    new AckText(
                            JsonFields.requiredString(root, "incident", "incident", PREFIX),
                            JsonFields.requiredString(root, "fingerprint", "fingerprint", PREFIX),
                            JsonFields.requiredString(root, "engineer", "engineer", PREFIX),
                            AckAction.fromWord(
                                    JsonFields.requiredString(root, "action", "action", PREFIX)),
                            JsonFields.time(root, "ackedAt", "ackedAt", PREFIX, true)),
                    signature);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord(PREFIX + e.getMessage());
        }
    }
}
