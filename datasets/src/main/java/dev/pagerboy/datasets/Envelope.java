package dev.pagerboy.datasets;

import dev.pagerboy.alerts.GoJson;
import java.nio.charset.StandardCharsets;

/**
 * One record of a PagerBoy alert stream with its send time: what goes to Kafka (topic, key,
 * timestamp, value) and, in files, one JSON line {@code {"ts":…,"key":…,"topic":…,"payload":…}}.
 *
 * <p>{@code payload} is the exact JSON text of the message (the Kafka value). A malformed record
 * whose payload is not a JSON object is carried as a JSON string in files ({@code payloadIsText});
 * its Kafka value is then the string's content, not its quoted form.
 *
 * @param ts send time, epoch milliseconds (the Kafka record timestamp)
 * @param key Kafka key: the alert fingerprint (PagerDuty: the dedup_key, which is the same)
 * @param topic logical topic, {@link #ALERTS}, {@link #ACKS} or {@link #TICKS}
 * @param payload the message text
 * @param payloadIsText true when the payload is raw text rather than a JSON value
 */
public record Envelope(long ts, String key, String topic, String payload, boolean payloadIsText) {
    public static final String ALERTS = "alerts";
    public static final String ACKS = "acks";

    /** Ticks of a history ({@code OutageHistory}): event time for a run with a topic clock. */
    public static final String TICKS = "ticks";

    /** A record whose payload is a JSON object (every valid record). */
    public static Envelope json(long ts, String key, String topic, String payload) {
        return new Envelope(ts, key, topic, payload, false);
    }

    /** The Kafka record value: the payload's UTF-8 bytes. */
    public byte[] value() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The file form: one JSON line without the trailing newline. */
    public String toJsonLine() {
        StringBuilder out = new StringBuilder(payload.length() + 96);
        appendJsonLine(out);
        return out.toString();
    }

    public void appendJsonLine(StringBuilder out) {
        out.append("{\"ts\":").append(ts).append(",\"key\":");
        GoJson.string(out, key).append(",\"topic\":");
        GoJson.string(out, topic).append(",\"payload\":");
        if (payloadIsText) {
            GoJson.string(out, payload);
        } else {
            out.append(payload);
        }
        out.append('}');
    }
}
