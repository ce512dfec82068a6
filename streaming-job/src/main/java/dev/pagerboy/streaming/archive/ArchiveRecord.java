package dev.pagerboy.streaming.archive;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the archive: the single row type for every input the job received and every decision
 * it made, so that a stretch of history can be replayed and audited from one table. The Parquet
 * mapping, partitioning and the versioned schema description live with the archive writer (see
 * docs/ARCHIVE.md); this record is what the {@code Pipeline} emits.
 *
 * <p>Every field is non-null: text columns use {@code ""} and {@code raw} an empty array when they
 * do not apply, and the source columns hold {@code ""}/-1 for rows that are not Kafka inputs.
 *
 * <p>{@link #kind} says what a row stands for ({@link ArchiveKind}); {@link #outcome} is its
 * verdict, whose vocabulary depends on the kind.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} at the time the row was written
 * @param id unique, deterministic id of the row (the same input replayed gives the same id)
 * @param kind what the row stands for; stored as {@link ArchiveKind#text()}
 * @param eventTime event time in epoch milliseconds (partitions the archive by date and hour)
 * @param key what the row is about: a fingerprint, an idempotency key, a silence id, or {@code ""}
 * @param sourceTopic Kafka topic of the input the row derives from, or {@code ""}
 * @param sourcePartition Kafka partition, or -1
 * @param sourceOffset Kafka offset, or -1
 * @param outcome short machine-readable verdict (e.g. {@code suppressed_repeat}, {@code fault}), or
 *     {@code ""}
 * @param payloadJson the row's full content as canonical JSON (object keys sorted, no whitespace)
 * @param raw the input's raw bytes for {@code alert_raw}, {@code silence} and {@code dead_letter};
 *     empty otherwise
 */
public record ArchiveRecord(
        int schemaVersion,
        String id,
        ArchiveKind kind,
        long eventTime,
        String key,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String outcome,
        String payloadJson,
        byte[] raw) {

    public static final int SCHEMA_VERSION = 2;

    private static final byte[] NO_BYTES = new byte[0];

    public ArchiveRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        key = key == null ? "" : key;
        sourceTopic = sourceTopic == null ? "" : sourceTopic;
        outcome = outcome == null ? "" : outcome;
        payloadJson = payloadJson == null ? "{}" : payloadJson;
        raw = raw == null ? NO_BYTES : raw;
    }

    /** A row that is not itself a Kafka input: a decision or a derived record. */
    public static ArchiveRecord decision(
            String id,
            ArchiveKind kind,
            long eventTime,
            String key,
            String outcome,
            Object payload) {
        return new ArchiveRecord(
                SCHEMA_VERSION,
                id,
                kind,
                eventTime,
                key,
                "",
                -1,
                -1,
                outcome,
                CanonicalJson.write(payload),
                NO_BYTES);
    }

    /** The {@code alert_raw} row for one record of the {@code alerts} topic. */
    public static ArchiveRecord rawAlert(RawInput input) {
        return input(ArchiveKind.ALERT_RAW, input, "", "received");
    }

    /** The {@code ack_raw} row for one record of the {@code acks} topic. */
    public static ArchiveRecord rawAck(RawInput input) {
        return input(ArchiveKind.ACK_RAW, input, "", "received");
    }

    /** The {@code receipt_raw} row for one record of the {@code receipts} topic. */
    public static ArchiveRecord rawReceipt(RawInput input) {
        return input(ArchiveKind.RECEIPT_RAW, input, "", "received");
    }

    /**
     * The {@code late_input} row: {@code input} reached {@code stage} behind its watermark and was
     * applied at {@code appliedAt} instead of its own event time. It carries the record's
     * coordinates and event time (so it travels with the record in a stretch of the archive) and
     * the applied time in its payload; one row per record, since only one stage can hold it late.
     */
    public static ArchiveRecord lateInput(RawInput input, String stage, long appliedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appliedAt", appliedAt);
        payload.put("eventTime", input.timestamp());
        payload.put("stage", stage);
        return new ArchiveRecord(
                SCHEMA_VERSION,
                ArchiveKind.LATE_INPUT.rowId(input.sourceRef()),
                ArchiveKind.LATE_INPUT,
                input.timestamp(),
                "",
                input.topic(),
                input.partition(),
                input.offset(),
                stage,
                CanonicalJson.write(payload),
                NO_BYTES);
    }

    /**
     * The {@code late_input} row of one alert that reached {@code stage} behind its watermark: as
     * {@link #lateInput}, with the coordinates of the alert's record and, as the row id, the
     * alert's own reference ({@code topic/partition/offset#index} when its message held several
     * alerts), since each alert of a message is decided on its own key.
     */
    public static ArchiveRecord lateAlert(Alert alert, String stage, long appliedAt) {
        String ref = alert.sourceRef();
        int hash = ref.indexOf('#');
        String record = hash < 0 ? ref : ref.substring(0, hash);
        int offsetAt = record.lastIndexOf('/');
        int partitionAt = record.lastIndexOf('/', offsetAt - 1);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appliedAt", appliedAt);
        payload.put("eventTime", alert.eventTime());
        payload.put("stage", stage);
        return new ArchiveRecord(
                SCHEMA_VERSION,
                ArchiveKind.LATE_INPUT.rowId(ref),
                ArchiveKind.LATE_INPUT,
                alert.eventTime(),
                "",
                record.substring(0, partitionAt),
                Integer.parseInt(record.substring(partitionAt + 1, offsetAt)),
                Long.parseLong(record.substring(offsetAt + 1)),
                stage,
                CanonicalJson.write(payload),
                NO_BYTES);
    }

    /**
     * The {@code late_input} row of a group flush that reached {@code stage} behind its watermark:
     * a flush is no record of a topic, so the row names it by its idempotency key (row key and
     * {@code flush} in the payload), which the same inputs give the same flush again in replay.
     */
    public static ArchiveRecord lateFlush(
            String flushKey, long eventTime, String stage, long appliedAt) {
        return lateDerived("flush", flushKey, eventTime, stage, appliedAt);
    }

    /**
     * The {@code late_input} row of a routed alert that reached the group {@code stage} behind its
     * watermark, named (row key and {@code alert} in the payload) by its record, route, own time
     * and status ({@code LateRoutedAlerts.key}).
     */
    public static ArchiveRecord lateRoutedAlert(
            String alertKey, long eventTime, String stage, long appliedAt) {
        return lateDerived("alert", alertKey, eventTime, stage, appliedAt);
    }

    /**
     * The {@code late_input} row of a silence or tick that one subtask of the group {@code stage}
     * met behind its watermark, named (row key and {@code input} in the payload) by the input and
     * the subtask ({@code LateControls.key}): each subtask meets a broadcast input on its own.
     */
    public static ArchiveRecord lateControl(
            String inputKey, long eventTime, String stage, long appliedAt) {
        return lateDerived("input", inputKey, eventTime, stage, appliedAt);
    }

    private static ArchiveRecord lateDerived(
            String what, String name, long eventTime, String stage, long appliedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("appliedAt", appliedAt);
        payload.put("eventTime", eventTime);
        payload.put(what, name);
        payload.put("stage", stage);
        return decision(
                ArchiveKind.LATE_INPUT.rowId(what + ":" + name),
                ArchiveKind.LATE_INPUT,
                eventTime,
                name,
                stage,
                payload);
    }

    /**
     * The {@code silence} row for one record of the {@code silences} topic.
     *
     * @param outcome accepted, or rejected (the dead letter says why)
     */
    public static ArchiveRecord silenceInput(
            RawInput input, String silenceId, SilenceOutcome outcome) {
        return input(ArchiveKind.SILENCE, input, silenceId, outcome.text());
    }

    /**
     * The {@code tick} row for one clock tick: a tick read from a topic is identified by its
     * coordinates ({@code tick:ticks/0/41}), a tick of the job's own clock by its event time, which
     * that clock never repeats.
     */
    public static ArchiveRecord tick(Tick tick) {
        if (!tick.fromTopic()) {
            return decision(
                    ArchiveKind.TICK.rowId(String.valueOf(tick.eventTime())),
                    ArchiveKind.TICK,
                    tick.eventTime(),
                    "",
                    "",
                    Map.of("eventTime", tick.eventTime()));
        }
        String ref = tick.sourceTopic() + "/" + tick.sourcePartition() + "/" + tick.sourceOffset();
        return new ArchiveRecord(
                SCHEMA_VERSION,
                ArchiveKind.TICK.rowId(ref),
                ArchiveKind.TICK,
                tick.eventTime(),
                "",
                tick.sourceTopic(),
                tick.sourcePartition(),
                tick.sourceOffset(),
                "",
                CanonicalJson.write(tick),
                NO_BYTES);
    }

    /** The {@code dead_letter} row: the reason in {@code outcome}, the raw bytes in {@code raw}. */
    public static ArchiveRecord deadLetter(DeadLetter letter) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", letter.reason());
        payload.put("topic", letter.topic());
        payload.put("partition", letter.partition());
        payload.put("offset", letter.offset());
        payload.put("eventTime", letter.eventTime());
        String ref = letter.topic() + "/" + letter.partition() + "/" + letter.offset();
        return new ArchiveRecord(
                SCHEMA_VERSION,
                ArchiveKind.DEAD_LETTER.rowId(ref),
                ArchiveKind.DEAD_LETTER,
                letter.eventTime(),
                "",
                letter.topic(),
                letter.partition(),
                letter.offset(),
                letter.reason(),
                CanonicalJson.write(payload),
                Base64.getDecoder().decode(letter.rawBase64()));
    }

    private static ArchiveRecord input(
            ArchiveKind kind, RawInput input, String key, String outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", input.topic());
        payload.put("partition", input.partition());
        payload.put("offset", input.offset());
        payload.put("timestamp", input.timestamp());
        payload.put("key", input.key());
        return new ArchiveRecord(
                SCHEMA_VERSION,
                kind.rowId(input.sourceRef()),
                kind,
                input.timestamp(),
                key,
                input.topic(),
                input.partition(),
                input.offset(),
                outcome,
                CanonicalJson.write(payload),
                input.value());
    }

    /**
     * Canonical JSON for {@link #payloadJson}: record components and map entries in sorted order,
     * byte arrays as base64, no whitespace, so the same content always gives the same bytes and
     * replay can compare rows byte for byte.
     */
    public static final class CanonicalJson {
        private static final ObjectMapper MAPPER =
                JsonMapper.builder()
                        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                        .build();

        private CanonicalJson() {}

        public static String write(Object value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON-serializable: " + value, e);
            }
        }
    }

    // Arrays compare by content, so equal rows are equal records (tests compare whole rows).
    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveRecord other
                && schemaVersion == other.schemaVersion
                && eventTime == other.eventTime
                && sourcePartition == other.sourcePartition
                && sourceOffset == other.sourceOffset
                && id.equals(other.id)
                && kind.equals(other.kind)
                && key.equals(other.key)
                && sourceTopic.equals(other.sourceTopic)
                && outcome.equals(other.outcome)
                && payloadJson.equals(other.payloadJson)
                && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(id, kind.text(), eventTime, outcome, payloadJson)
                + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "ArchiveRecord["
                + kind.text()
                + " "
                + id
                + " @"
                + eventTime
                + " "
                + outcome
                + " "
                + payloadJson
                + (raw.length == 0 ? "" : " +" + raw.length + "B")
                + "]";
    }
}
