package dev.pagerboy.streaming.routing;

import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds routing objects from YAML snippets through the real configuration loader. */
final class RoutingFixtures {

    private RoutingFixtures() {}

    /**
     * Loads a configuration whose {@code route:} block is {@code routeYaml} (written at column 0,
     * indented here) and which defines every receiver in {@code receivers}.
     */
    static PagerBoyConfig config(
            Path dir, String routeYaml, String extraYaml, String... receivers) {
        StringBuilder yaml =
                new StringBuilder("kafka:\n  bootstrap_servers: localhost:9092\nreceivers:\n");
        for (String r : receivers) {
            yaml.append("  - name: ").append(r).append("\n    team: t\n");
        }
        yaml.append("route:\n");
        routeYaml.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append(extraYaml);
        try {
            Path file = Files.createTempFile(dir, "pagerboy", ".yaml");
            Files.writeString(file, yaml);
            return PagerBoyConfig.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage() + "\n" + yaml, e);
        }
    }

    /** A label set from name/value pairs, keeping the given order. */
    static Map<String, String> labels(String... nameValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put(nameValues[i], nameValues[i + 1]);
        }
        return out;
    }
}
