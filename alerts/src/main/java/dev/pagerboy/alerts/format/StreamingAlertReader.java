package dev.pagerboy.alerts.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The fast path of {@link AlertReader} for Alertmanager webhooks and native alerts: one pass of
 * Jackson's streaming {@link JsonParser} over the bytes, no tree, reading only the fields the
 * alerts are made of. The ingest stage reads every record, and building a {@code JsonNode} tree of
 * a 1.4 KB webhook (group labels, common labels and annotations the job ignores) was most of its
 * cost.
 *
 * <p>It only ever answers for a record it can prove valid, and then gives exactly what the tree
 * readers give (same alerts, same content-hash ids: the canonical form of each alert object is
 * rebuilt from the tokens). For anything else it answers {@code null}: a syntax error, a field of
 * the wrong type, a label Alertmanager would refuse, a value over {@link InputLimits}, a float
 * anywhere inside an alert (its canonical text is the tree's {@code double} rendering), a PagerDuty
 * event (whose id hashes the whole event). {@link AlertReader} then reads the record with the tree
 * readers, which stay the one definition of every dead-letter reason. Bad records are rare, so the
 * second parse costs nothing on the hot path; {@code StreamingAlertReaderTest} checks that both
 * paths agree.
 */
final class StreamingAlertReader {

    /** Not provably valid here: the tree readers decide. Thrown without a stack trace. */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    private StreamingAlertReader() {}

    /** The alerts of {@code utf8} sent at {@code recordTimestamp}, or null when unsure. */
    static ReadAlerts read(byte[] utf8, long recordTimestamp) {
        try (JsonParser p = JsonFields.MAPPER.createParser(utf8)) {
            return readRoot(p, recordTimestamp);
        } catch (Unsure | IOException | RuntimeException e) {
            return null;
        }
    }

    private static ReadAlerts readRoot(JsonParser p, long recordTimestamp)
            throws IOException, Unsure {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw Unsure.INSTANCE;
        }
        String version = null;
        List<AlertEvent> webhookAlerts = null;
        AlertFields nativeFields = new AlertFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "version" -> version = string(p);
                case "alerts" -> webhookAlerts = webhookAlerts(p, recordTimestamp);
                case "event_action" -> throw Unsure.INSTANCE;
                case "id" -> nativeFields.id = string(p);
                default -> {
                    if (!nativeFields.accept(name, p, null)) {
                        p.skipChildren();
                    }
                }
            }
        }
        if (p.nextToken() != null) {
            throw Unsure.INSTANCE; // trailing tokens: the tree reader names them
        }
        if ("4".equals(version) && webhookAlerts != null && !webhookAlerts.isEmpty()) {
            return new ReadAlerts(AlertFormat.ALERTMANAGER, webhookAlerts);
        }
        if (NativeAlert.VERSION.equals(version)
                && nativeFields.id != null
                && !nativeFields.id.isBlank()) {
            return new ReadAlerts(
                    AlertFormat.NATIVE,
                    List.of(
                            nativeFields.event(
                                    NativeAlert.NAME + ":" + nativeFields.id, recordTimestamp)));
        }
        throw Unsure.INSTANCE;
    }

    private static List<AlertEvent> webhookAlerts(JsonParser p, long recordTimestamp)
            throws IOException, Unsure {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Unsure.INSTANCE;
        }
        List<AlertEvent> alerts = new ArrayList<>(1);
        String kind = AlertmanagerWebhook.NAME + "@" + recordTimestamp;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            StringBuilder canonical = new StringBuilder(1024).append(kind).append('\0');
            AlertFields fields = new AlertFields();
            List<Member> members = new ArrayList<>(8);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                StringBuilder value = new StringBuilder(64);
                if (!fields.accept(name, p, value)) {
                    canonical(p, value);
                }
                members.add(new Member(name, value));
            }
            writeObject(members, canonical);
            alerts.add(fields.event(JsonFields.sha256Id(canonical), recordTimestamp));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw Unsure.INSTANCE;
        }
        return alerts;
    }

    /**
     * The fields an alert is made of, as the tree readers check them, with the canonical text of
     * each written to {@code canonical} when one is given.
     */
    private static final class AlertFields {
        String id;
        String status;
        TreeMap<String, String> labels;
        TreeMap<String, String> annotations = new TreeMap<>();
        long startsAt = -1;
        long endsAt;

        /** Reads the value of {@code name} if it is an alert field; false for any other name. */
        boolean accept(String name, JsonParser p, StringBuilder canonical)
                throws IOException, Unsure {
            switch (name) {
                case "status" -> {
                    status = string(p);
                    quote(status, canonical);
                }
                case "labels" -> {
                    labels = strings(p, canonical);
                }
                case "annotations" -> {
                    if (p.currentToken() == JsonToken.VALUE_NULL) {
                        annotations = new TreeMap<>();
                        append("null", canonical);
                    } else {
                        annotations = strings(p, canonical);
                    }
                }
                case "startsAt" -> startsAt = time(p, canonical, true);
                case "endsAt" -> endsAt = time(p, canonical, false);
                default -> {
                    return false;
                }
            }
            return true;
        }

        AlertEvent event(String eventId, long recordTimestamp) throws Unsure {
            boolean resolved = AlertStatus.RESOLVED.wire().equals(status);
            if (!resolved && !AlertStatus.FIRING.wire().equals(status)) {
                throw Unsure.INSTANCE;
            }
            if (labels == null || startsAt < 0 || (endsAt != 0 && endsAt < startsAt)) {
                throw Unsure.INSTANCE;
            }
            TreeMap<String, String> cleaned;
            try {
                cleaned = AlertmanagerLabels.clean(labels);
            } catch (IllegalArgumentException e) {
                throw Unsure.INSTANCE;
            }
            if (!InputLimits.labelsWithin(cleaned) || !InputLimits.annotationsWithin(annotations)) {
                throw Unsure.INSTANCE;
            }
            for (String annotation : annotations.keySet()) {
                if (!AlertmanagerLabels.isValidName(annotation)) {
                    throw Unsure.INSTANCE;
                }
            }
            long ends = endsAt;
            if (resolved && ends == 0) {
                ends = recordTimestamp;
            } else if (ends == 0) {
                ends = AlertEvent.NOT_ENDED;
            }
            return AlertEvent.of(
                    eventId,
                    resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                    LabelSet.of(cleaned),
                    LabelSet.of(annotations),
                    startsAt,
                    ends,
                    recordTimestamp);
        }
    }

    private static String string(JsonParser p) throws IOException, Unsure {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw Unsure.INSTANCE;
        }
        return p.getText();
    }

    /** An object of strings, in name order (the order of the canonical form). */
    private static TreeMap<String, String> strings(JsonParser p, StringBuilder canonical)
            throws IOException, Unsure {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Unsure.INSTANCE;
        }
        TreeMap<String, String> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, string(p));
        }
        if (canonical != null) {
            canonical.append('{');
            boolean first = true;
            for (var e : out.entrySet()) {
                if (!first) {
                    canonical.append(',');
                }
                first = false;
                quote(e.getKey(), canonical);
                canonical.append(':');
                quote(e.getValue(), canonical);
            }
            canonical.append('}');
        }
        return out;
    }

    /** A time as {@link JsonFields#time} reads it, within {@link InputLimits}; -1 never. */
    private static long time(JsonParser p, StringBuilder canonical, boolean required)
            throws IOException, Unsure {
        switch (p.currentToken()) {
            case VALUE_NULL -> {
                if (required) {
                    throw Unsure.INSTANCE;
                }
                append("null", canonical);
                return 0L;
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw Unsure.INSTANCE;
                }
                long ms = p.getLongValue();
                if (!InputLimits.timeWithin(ms)) {
                    throw Unsure.INSTANCE;
                }
                append(Long.toString(ms), canonical);
                return ms;
            }
            case VALUE_STRING -> {
                String text = p.getText();
                quote(text, canonical);
                if (Rfc3339.isGoZeroTime(text)) {
                    return 0L;
                }
                long ms;
                try {
                    ms = Rfc3339.parse(text);
                } catch (IllegalArgumentException e) {
                    throw Unsure.INSTANCE;
                }
                if (!InputLimits.timeWithin(ms)) {
                    throw Unsure.INSTANCE;
                }
                return ms;
            }
            default -> throw Unsure.INSTANCE;
        }
    }

    /** The canonical form of any value (see {@link JsonFields#contentId}); unsure of floats. */
    private static void canonical(JsonParser p, StringBuilder out) throws IOException, Unsure {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    StringBuilder value = new StringBuilder();
                    canonical(p, value);
                    members.add(new Member(name, value));
                }
                writeObject(members, out);
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    canonical(p, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> quote(p.getText(), out);
            case VALUE_NUMBER_INT -> out.append(p.getNumberValue().toString());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw Unsure.INSTANCE;
        }
    }

    /** One member of an object and its canonical value text. */
    private record Member(String name, CharSequence value) implements Comparable<Member> {
        @Override
        public int compareTo(Member o) {
            return name.compareTo(o.name);
        }
    }

    private static void writeObject(List<Member> members, StringBuilder out) {
        Member[] sorted = members.toArray(new Member[0]);
        Arrays.sort(sorted);
        out.append('{');
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(sorted[i].name(), out);
            out.append(':').append(sorted[i].value());
        }
        out.append('}');
    }

    private static void quote(String s, StringBuilder out) {
        if (out != null) {
            JsonFields.quote(s, out);
        }
    }

    private static void append(String s, StringBuilder out) {
        if (out != null) {
            out.append(s);
        }
    }
}
