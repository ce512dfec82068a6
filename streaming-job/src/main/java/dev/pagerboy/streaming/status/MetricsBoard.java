package dev.pagerboy.streaming.status;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The metrics of a job running on a MiniCluster in this JVM, readable by the process that started
 * it: {@code ./pagerboy job} prints its status line from here. Flink hands every metric it
 * registers to its reporters; this reporter keeps them by identifier, and when a metric goes away
 * (a task ends) keeps its last value, so a bounded run's final summary still has every count.
 *
 * <p>Flink instantiates reporters itself, from a factory class named in the configuration, so the
 * board is one per JVM: {@link #install} names the factory, and {@link #snapshot} reads the board.
 * Flink looks the named factory up among those Java's service loader finds, so {@link Factory} is
 * listed in {@code META-INF/services}: without that entry Flink only logs a warning, and the status
 * line, the final summary and the stall check read no metric at all.
 */
public final class MetricsBoard implements MetricReporter {

    private static final String REPORTER = "pagerboy-status";
    private static final Map<String, Metric> live = new ConcurrentHashMap<>();
    private static final Map<String, Object> ended = new ConcurrentHashMap<>();

    /** Adds this reporter to {@code conf}, and forgets what an earlier job in this JVM reported. */
    public static Configuration install(Configuration conf) {
        live.clear();
        ended.clear();
        conf.setString("metrics.reporter." + REPORTER + ".factory.class", Factory.class.getName());
        return conf;
    }

    /** Every metric's current value (or its last one, if its task has ended) by identifier. */
    public static Map<String, Object> snapshot() {
        Map<String, Object> values = new java.util.HashMap<>(ended);
        live.forEach((id, metric) -> values.put(id, valueOf(metric)));
        return values;
    }

    private static Object valueOf(Metric metric) {
        if (metric instanceof Counter c) {
            return c.getCount();
        }
        if (metric instanceof Gauge<?> g) {
            try {
                return g.getValue();
            } catch (RuntimeException e) {
                return null; // a gauge of a task that is shutting down
            }
        }
        return null;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String id = group.getMetricIdentifier(name);
        live.put(id, metric);
        ended.remove(id);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        String id = group.getMetricIdentifier(name);
        Object last = valueOf(metric);
        live.remove(id);
        if (last != null) {
            ended.put(id, last);
        }
    }

    /** Named in the configuration; Flink calls it to create the reporter. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricsBoard();
        }
    }
}
