package dev.pagerboy.streaming.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The golden files recorded from Alertmanager 0.25 by {@code tools/record-alertmanager-golden.sh},
 * and the one adaptation PagerBoy needs to read the recorded configs: an Alertmanager config's
 * {@code receivers:} section (webhook_configs) is replaced by PagerBoy's (name and team) and a
 * {@code kafka:} section is added; the {@code route:} section is read exactly as written.
 */
public final class AlertmanagerGolden {

    public static final Path DIR = Path.of("src/test/resources/alertmanager-golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerGolden() {}

    public static JsonNode read(String file) {
        try {
            return JSON.readTree(DIR.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The labels Alertmanager stored for every label set it accepted, by case id, in file order.
     */
    public static Map<String, Map<String, String>> acceptedLabels() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode c : read("fingerprints.json").get("cases")) {
            if (c.get("accepted").asBoolean()) {
                out.put(c.get("id").asText(), labels(c.get("labels")));
            }
        }
        return out;
    }

    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** The recorded input configs of one kind ({@code configs} or {@code acceptance}), by name. */
    public static Map<String, Path> inputs(String kind) {
        Map<String, Path> out = new LinkedHashMap<>();
        try (var files = Files.list(DIR.resolve("inputs").resolve(kind))) {
            files.filter(f -> f.toString().endsWith(".yml"))
                    .sorted()
                    .forEach(f -> out.put(f.getFileName().toString().replace(".yml", ""), f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Loads an Alertmanager config as a PagerBoy config: the text up to its top-level {@code
     * receivers:} line unchanged, then PagerBoy receivers of the same names.
     */
    public static PagerBoyConfig load(Path alertmanagerConfig, Path workDir)
            throws ConfigException {
        try {
            String text = Files.readString(alertmanagerConfig, StandardCharsets.UTF_8);
            int at = text.indexOf("\nreceivers:");
            if (at < 0) {
                throw new IllegalArgumentException(alertmanagerConfig + ": no receivers section");
            }
            Map<String, Object> doc = new Yaml().load(text);
            List<String> names = new ArrayList<>();
            for (Object r : (List<?>) doc.get("receivers")) {
                names.add(String.valueOf(((Map<?, ?>) r).get("name")));
            }
            StringBuilder b = new StringBuilder(text.substring(0, at + 1));
            b.append("receivers:\n");
            for (String name : names) {
                b.append("  - {name: '").append(name).append("', team: golden}\n");
            }
            b.append("kafka:\n  bootstrap_servers: localhost:9092\n");
            Path file = workDir.resolve(alertmanagerConfig.getFileName());
            Files.writeString(file, b, StandardCharsets.UTF_8);
            return PagerBoyConfig.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
