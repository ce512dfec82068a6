package dev.pagerboy.streaming.functions;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics one pipeline stage reports through Flink's metric system, under {@code
 * pagerboy.<stage>}: {@code recordsIn}, {@code recordsOut}, and named counters such as {@code
 * duplicatesSuppressed} or {@code deadLetters.<reason>} (a subgroup per reason). Flink's own
 * per-operator counters count every element including side outputs; these count the domain's notion
 * of in and out.
 */
final class StageMetrics {

    /** The pipeline's stages, each a metric group under {@code pagerboy}. */
    enum Stage {
        PARSE("parse"),
        SILENCES("silences"),
        DEDUP("dedup"),
        HANDLER("handler"),
        ROUTE("route"),
        GROUP("group");

        private final String text;

        Stage(String text) {
            this.text = text;
        }
    }

    /** More distinct reasons than this are counted together, so a bad producer cannot flood. */
    private static final int MAX_REASONS = 32;

    private final MetricGroup group;
    private final Counter in;
    private final Counter out;
    private final Map<String, Counter> named = new HashMap<>();
    private final Map<MetricName, Counter> counters = new EnumMap<>(MetricName.class);

    /**
     * {@link #byReason} answers by prefix and exact reason text, so a reason seen before costs a
     * map lookup instead of a regular-expression rewrite (that was paid once per notification).
     * Reasons carry details (line numbers, values), so the number remembered is bounded.
     */
    private final Map<String, Map<String, Counter>> reasons = new HashMap<>();

    private static final int MAX_REMEMBERED_REASONS = 1024;

    private StageMetrics(MetricGroup group) {
        this.group = group;
        this.in = group.counter(MetricName.RECORDS_IN.text());
        this.out = group.counter(MetricName.RECORDS_OUT.text());
    }

    static StageMetrics of(MetricGroup operatorGroup, Stage stage) {
        return new StageMetrics(operatorGroup.addGroup("pagerboy").addGroup(stage.text));
    }

    /** The stage's metric group, {@code pagerboy.<stage>}, for gauges of its own. */
    MetricGroup group() {
        return group;
    }

    void in() {
        in.inc();
    }

    void out() {
        out.inc();
    }

    /** Registers counters up front, so they report 0 rather than being absent. */
    void register(MetricName... names) {
        for (MetricName name : names) {
            counter(name);
        }
    }

    /** The counter {@code name}, created on first use. */
    Counter counter(MetricName name) {
        return counters.computeIfAbsent(name, n -> group.counter(n.text()));
    }

    /**
     * The counter {@code prefix.<category>} for a free-text reason: its category is the text before
     * the first {@code ':'} (parsers put details after it), and rare categories share {@code
     * other}.
     */
    Counter byReason(MetricName family, String reason) {
        String prefix = family.text();
        Map<String, Counter> known = reasons.computeIfAbsent(prefix, p -> new HashMap<>());
        Counter counter = known.get(reason);
        if (counter == null) {
            counter = categoryCounter(prefix, reason);
            if (known.size() < MAX_REMEMBERED_REASONS) {
                known.put(reason, counter);
            }
        }
        return counter;
    }

    private Counter categoryCounter(String prefix, String reason) {
        int colon = reason.indexOf(':');
        String category = (colon < 0 ? reason : reason.substring(0, colon)).trim();
        category = category.replaceAll("[^A-Za-z0-9_]+", "_");
        String name = category.isEmpty() ? "unknown" : category;
        if (!named.containsKey(prefix + "." + name) && named.size() >= MAX_REASONS) {
            name = "other";
        }
        String counterName = name;
        return named.computeIfAbsent(
                prefix + "." + name, k -> group.addGroup(prefix).counter(counterName));
    }
}
