package dev.pagerboy.streaming.status;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Turns on Flink's Prometheus reporter for a local run (the MiniCluster of {@code ./pagerboy job}
 * and the demo), so the job's metrics ({@code pagerboy_*} counters of every stage, checkpoints,
 * watermarks, Kafka lag) can be scraped at {@code http://host:port/metrics} like a cluster's. The
 * reporter is Flink's own ({@code flink-metrics-prometheus}); a standalone cluster names it in its
 * {@code config.yaml} instead (cluster/, docs/OPERATIONS.md).
 */
public final class PrometheusExport {

    /** The reporter's name in Flink's configuration: {@code metrics.reporter.prom.*}. */
    public static final String REPORTER = "prom";

    /** Flink's factory of the pull (scrape) reporter. */
    public static final String FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private static final ConfigOption<String> FACTORY_CLASS =
            ConfigOptions.key("metrics.reporter." + REPORTER + ".factory.class")
                    .stringType()
                    .noDefaultValue();

    private static final ConfigOption<String> PORT =
            ConfigOptions.key("metrics.reporter." + REPORTER + ".port")
                    .stringType()
                    .noDefaultValue();

    private PrometheusExport() {}

    /**
     * Adds the reporter to {@code conf}, serving on {@code ports} (a port, or a range of which the
     * first free one is taken); does nothing for {@code ""}.
     */
    public static void configure(Configuration conf, String ports) {
        if (ports.isEmpty()) {
            return;
        }
        conf.set(FACTORY_CLASS, FACTORY);
        conf.set(PORT, ports);
    }
}
