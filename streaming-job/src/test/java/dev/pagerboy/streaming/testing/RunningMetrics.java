package dev.pagerboy.streaming.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * The metrics of a job's tasks that are running now, read from an {@link InMemoryReporter} that
 * retains metrics ({@link InMemoryReporter#createWithRetainedMetrics()}).
 *
 * <p>Why not {@link InMemoryReporter#findMetrics}: a retaining reporter keeps the metrics of every
 * task attempt, and after a restart the failed attempt's metrics and the new attempt's have the
 * same identifier (the default scope names host, TaskManager, job, operator and subtask, not the
 * attempt). {@code findMetrics} collects them into a map keyed by identifier and throws {@code
 * IllegalStateException: Duplicate key} as soon as a job has restarted once; a test that read a
 * gauge after an injected failure, or a bench whose job restarted, died there. The failed attempt's
 * values are stale anyway. Its metric groups were closed when its task ended, so this class reads
 * only groups that are still open.
 */
public final class RunningMetrics {

    private RunningMetrics() {}

    /**
     * The metrics of {@code job}'s running tasks whose identifier matches {@code
     * identifierPattern}, one per task that registered one.
     */
    public static List<Metric> find(
            InMemoryReporter reporter, JobID job, String identifierPattern) {
        Pattern pattern = Pattern.compile(identifierPattern);
        String jobId = job.toString();
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                reporter.getMetricsByGroup().entrySet()) {
            if (group.getKey() instanceof AbstractMetricGroup<?> g
                    && !g.isClosed()
                    && jobId.equals(g.getAllVariables().get("<job_id>"))) {
                group.getValue()
                        .forEach(
                                (name, metric) -> {
                                    if (pattern.matcher(g.getMetricIdentifier(name)).matches()) {
                                        found.add(metric);
                                    }
                                });
            }
        }
        return found;
    }

    /** The sum of the numeric gauges {@link #find} returns. */
    public static long gaugeSum(InMemoryReporter reporter, JobID job, String identifierPattern) {
        return find(reporter, job, identifierPattern).stream()
                .mapToLong(m -> ((Number) ((Gauge<?>) m).getValue()).longValue())
                .sum();
    }
}
