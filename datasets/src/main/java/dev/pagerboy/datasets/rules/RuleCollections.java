package dev.pagerboy.datasets.rules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the two public Prometheus rule collections under the raw-data directory into a {@link
 * RuleCatalog}: awesome-prometheus-alerts ({@code awesome-prometheus-alerts-rules/rules.yml}: group
 * → service → exporter → rules) and kube-prometheus ({@code
 * kube-prometheus-rules/*-prometheusRule.yaml}, files in name order). Rules without a
 * critical/warning/info severity (Watchdog, InfoInhibitor) are meta-alerts and are left out.
 */
public final class RuleCollections {
    public static final String AWESOME_DIR = "awesome-prometheus-alerts-rules";
    public static final String KUBE_DIR = "kube-prometheus-rules";
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private RuleCollections() {}

    public static RuleCatalog load(Path rawDir) {
        List<AlertRule> rules = new ArrayList<>();
        readAwesome(rawDir.resolve(AWESOME_DIR).resolve("rules.yml"), rules);
        Path kubeDir = rawDir.resolve(KUBE_DIR);
        if (!Files.isDirectory(kubeDir)) {
            throw new IllegalArgumentException("missing rule collection directory " + kubeDir);
        }
        try (Stream<Path> files = Files.list(kubeDir)) {
            for (Path file :
                    files.filter(f -> f.getFileName().toString().endsWith("-prometheusRule.yaml"))
                            .sorted()
                            .toList()) {
                readKube(file, rules);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + kubeDir + ": " + e.getMessage(), e);
        }
        return new RuleCatalog(rules);
    }

    private static void readAwesome(Path file, List<AlertRule> out) {
        Map<String, Object> root = yaml(file);
        for (Map<String, Object> group : list(root.get("groups"), file, "groups")) {
            String team = slug(text(group.get("name")));
            for (Map<String, Object> service : list(group.get("services"), file, "services")) {
                String serviceSlug = slug(text(service.get("name")));
                for (Map<String, Object> exporter :
                        list(service.get("exporters"), file, "exporters")) {
                    for (Map<String, Object> rule : list(exporter.get("rules"), file, "rules")) {
                        String severity = text(rule.get("severity"));
                        if (!SEVERITIES.contains(severity)) {
                            continue;
                        }
                        String name = text(rule.get("name"));
                        out.add(
                                new AlertRule(
                                        "awesome-prometheus-alerts",
                                        team,
                                        serviceSlug,
                                        camelCase(name),
                                        severity,
                                        name,
                                        text(rule.get("description")).strip()));
                    }
                }
            }
        }
    }

    private static void readKube(Path file, List<AlertRule> out) {
        Map<String, Object> root = yaml(file);
        Object spec = root.get("spec");
        if (!(spec instanceof Map<?, ?> specMap)) {
            throw new IllegalArgumentException(file + ": no spec in a PrometheusRule");
        }
        for (Map<String, Object> group : list(specMap.get("groups"), file, "spec.groups")) {
            String service = slug(text(group.get("name")));
            for (Map<String, Object> rule : list(group.get("rules"), file, "rules")) {
                if (rule.get("alert") == null) {
                    continue; // a recording rule
                }
                Map<?, ?> labels = rule.get("labels") instanceof Map<?, ?> m ? m : Map.of();
                Map<?, ?> annotations =
                        rule.get("annotations") instanceof Map<?, ?> m ? m : Map.of();
                String severity = text(labels.get("severity"));
                if (!SEVERITIES.contains(severity)) {
                    continue;
                }
                String alert = text(rule.get("alert"));
                String summary = text(annotations.get("summary"));
                String description = text(annotations.get("description"));
                out.add(
                        new AlertRule(
                                "kube-prometheus",
                                "kubernetes",
                                service,
                                alert,
                                severity,
                                summary.isEmpty() ? alert : summary.strip(),
                                description.strip()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing rule collection file " + file);
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(doc instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + ": expected a YAML mapping at the top");
            }
            return (Map<String, Object>) doc;
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value, Path file, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException(file + ": '" + what + "' must be a list");
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + ": '" + what + "' items must be maps");
            }
            maps.add((Map<String, Object>) item);
        }
        return maps;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** "Basic resource monitoring" → "basic-resource-monitoring". */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.replaceAll("^-+|-+$", "");
    }

    /**
     * "Prometheus target missing" → "PrometheusTargetMissing", as the collection's own dist does.
     */
    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }
}
