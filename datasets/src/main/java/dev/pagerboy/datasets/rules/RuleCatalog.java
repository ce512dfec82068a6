package dev.pagerboy.datasets.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert rules that give generated and converted alerts their names, severities, services and
 * teams, in a fixed order. The bundled copy ({@code rule-catalog.tsv}, written by {@code ./pagerboy
 * datasets catalog}) is derived from the raw collections by {@link RuleCollections}; a test checks
 * that the two still agree.
 */
public final class RuleCatalog {
    public static final String RESOURCE = "/dev/pagerboy/datasets/rules/rule-catalog.tsv";
    static final String HEADER =
            "# PagerBoy rule catalog: one alerting rule per line, derived by `./pagerboy datasets"
                    + " catalog`.\n"
                    + "# Sources: samber/awesome-prometheus-alerts _data/rules.yml (CC BY 4.0) and"
                    + " prometheus-operator/kube-prometheus manifests/*-prometheusRule.yaml"
                    + " (Apache-2.0);\n"
                    + "# see datasets/README.md for commits and attribution.\n"
                    + "# collection\tteam\tservice\talertname\tseverity\tsummary\tdescription\n";

    private final List<AlertRule> rules;

    public RuleCatalog(List<AlertRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a rule catalog needs at least one rule");
        }
        this.rules = List.copyOf(rules);
    }

    /** The catalog shipped inside the module. */
    public static RuleCatalog bundled() {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parseTsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    public AlertRule get(int index) {
        return rules.get(index);
    }

    /** Team names in order of first appearance. */
    public List<String> teams() {
        return rules.stream().map(AlertRule::team).distinct().toList();
    }

    /** Share of rules per severity, in order of first appearance. */
    public Map<String, Double> severityMix() {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (AlertRule rule : rules) {
            mix.merge(rule.severity(), 1.0 / rules.size(), Double::sum);
        }
        return mix;
    }

    /** The catalog as tab-separated text (tabs, newlines and backslashes escaped). */
    public String toTsv() {
        StringBuilder out = new StringBuilder(HEADER);
        for (AlertRule r : rules) {
            String[] fields = {
                r.collection(),
                r.team(),
                r.service(),
                r.alertname(),
                r.severity(),
                r.summary(),
                r.description()
            };
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                out.append(escape(fields[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static RuleCatalog parseTsv(String text) {
        List<AlertRule> rules = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException(
                        "rule catalog line " + number + ": expected 7 fields, got " + f.length);
            }
            rules.add(
                    new AlertRule(
                            unescape(f[0]),
                            unescape(f[1]),
                            unescape(f[2]),
                            unescape(f[3]),
                            unescape(f[4]),
                            unescape(f[5]),
                            unescape(f[6])));
        }
        return new RuleCatalog(rules);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
