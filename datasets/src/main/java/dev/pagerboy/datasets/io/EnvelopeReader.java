package dev.pagerboy.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.pagerboy.datasets.Envelope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads envelope JSON Lines files ({@code .jsonl} or gzip-compressed {@code .jsonl.gz}) back into
 * {@link Envelope}s. The payload is cut out of the line as written, not re-serialized, so the Kafka
 * value a reader produces is byte-for-byte the one the generator or converter wrote.
 */
public final class EnvelopeReader {
    private static final JsonFactory JSON = new JsonFactory();

    private EnvelopeReader() {}

    /** Reads every envelope of a file into memory (the shipped samples are a few thousand). */
    public static List<Envelope> readAll(Path file) {
        List<Envelope> all = new ArrayList<>();
        forEach(file, all::add);
        return all;
    }

    /** Streams the envelopes of a file to a consumer, in file order. */
    public static void forEach(Path file, Consumer<Envelope> consumer) {
        try (BufferedReader lines = open(file)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    consumer.accept(parseLine(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens a text file, decompressing it when its name ends in {@code .gz}. */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Parses one envelope line; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Envelope parseLine(String line) {
        Long ts = null;
        String key = null;
        String topic = null;
        String payload = null;
        boolean payloadIsText = false;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an envelope must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "ts" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new IllegalArgumentException("ts must be an integer (epoch ms)");
                        }
                        ts = parser.getLongValue();
                    }
                    case "key" -> key = text(parser, value, "key");
                    case "topic" -> topic = text(parser, value, "topic");
                    case "payload" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            payload = parser.getText();
                            payloadIsText = true;
                        } else if (value == JsonToken.START_OBJECT) {
                            int start = (int) parser.currentTokenLocation().getCharOffset();
                            parser.skipChildren();
                            int end = (int) parser.currentLocation().getCharOffset();
                            payload = line.substring(start, end);
                        } else {
                            throw new IllegalArgumentException(
                                    "payload must be a JSON object or a string");
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ts == null || key == null || topic == null || payload == null) {
            throw new IllegalArgumentException("an envelope needs ts, key, topic and payload");
        }
        return new Envelope(ts, key, topic, payload, payloadIsText);
    }

    private static String text(JsonParser parser, JsonToken value, String field)
            throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return parser.getText();
    }
}
