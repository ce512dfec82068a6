package dev.pagerboy.vm.handler;

import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.Rgbds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** Named instants, alert factories and the real alerting rules the handler tests run on. */
final class TestAlerts {

    /** A Wednesday, 10:15 UTC. */
    static final Instant T0 = Instant.parse("2026-11-25T10:15:00Z");

    static final Instant ONE_MINUTE_LATER = T0.plusSeconds(60);
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T23:30:00Z");

    private TestAlerts() {}

    static HandlerInput firing(String alertname, Map<String, String> extraLabels) {
        return alert("firing", alertname, extraLabels, T0, 0);
    }

    static HandlerInput alert(
            String status,
            String alertname,
            Map<String, String> extraLabels,
            Instant startsAt,
            int repeat) {
        Map<String, String> labels = new TreeMap<>(extraLabels);
        labels.put("alertname", alertname);
        return new HandlerInput(
                status,
                labels.getOrDefault("severity", ""),
                alertname,
                Fingerprint.hex(labels),
                labels,
                alertname + " is firing",
                startsAt.toEpochMilli(),
                repeat);
    }

    /** A handler ROM assembled from source text (INCLUDE "abi.inc" comes from the classpath). */
    static HandlerRom handler(String name, String source) throws Exception {
        byte[] rom =
                Rgbds.buildText(name + ".asm", source, Path.of("."), AsmOptions.defaults()).rom();
        return HandlerRom.fromBytes(name, rom);
    }

    /** One alert of a real alerting rule, with the rule it came from. */
    record RuleAlert(
            String file, String rule, String ruleSeverity, String job, HandlerInput input) {}

    /**
     * Every alerting rule of kube-prometheus (from the shared raw datasets) as the alert it raises:
     * its alertname, its labels, the job its expression selects (the label real alerts from it
     * carry) and its summary annotation.
     */
    @SuppressWarnings("unchecked")
    static List<RuleAlert> kubePrometheusAlerts() throws IOException {
        Path dir =
                Path.of(
                        System.getProperty("pagerboy.shared"),
                        "datasets-raw",
                        "kube-prometheus-rules");
        List<RuleAlert> alerts = new ArrayList<>();
        Pattern job = Pattern.compile("job=\"([^\"]+)\"");
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> doc;
                try (InputStream in = Files.newInputStream(file)) {
                    doc = new Yaml().load(in);
                }
                Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
                for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
                    for (Map<String, Object> rule :
                            (List<Map<String, Object>>) group.get("rules")) {
                        if (!rule.containsKey("alert")) {
                            continue;
                        }
                        String name = (String) rule.get("alert");
                        Map<String, String> labels = new LinkedHashMap<>();
                        Map<String, Object> ruleLabels =
                                (Map<String, Object>) rule.getOrDefault("labels", Map.of());
                        ruleLabels.forEach((k, v) -> labels.put(k, String.valueOf(v)));
                        Matcher m = job.matcher(String.valueOf(rule.get("expr")));
                        String jobName = m.find() ? m.group(1) : null;
                        if (jobName != null) {
                            labels.put("job", jobName);
                        }
                        Map<String, Object> annotations =
                                (Map<String, Object>) rule.getOrDefault("annotations", Map.of());
                        labels.put("alertname", name);
                        HandlerInput in =
                                new HandlerInput(
                                        "firing",
                                        labels.getOrDefault("severity", ""),
                                        name,
                                        Fingerprint.hex(labels),
                                        labels,
                                        String.valueOf(annotations.getOrDefault("summary", "")),
                                        T0.toEpochMilli(),
                                        0);
                        alerts.add(
                                new RuleAlert(
                                        file.getFileName().toString(),
                                        name,
                                        labels.get("severity"),
                                        jobName,
                                        in));
                    }
                }
            }
        }
        return alerts;
    }
}
