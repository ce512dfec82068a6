package dev.pagerboy.tools.bench;

import dev.pagerboy.cli.PositiveNumber;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags of the benchmarks that feed the job generated alerts, a picocli mixin: the generator's
 * seed, the event rate its timestamps are rescaled to, and the job configuration. {@code bench
 * pipeline} and {@code bench replay} measure the same input, so they declare it once.
 */
final class GeneratedInputFlags {

    /** The job configuration the benchmarks run under unless {@code --config} names another. */
    static final String DEFAULT_CONFIG = "streaming-job/config/bench.yaml";

    @Option(
            names = "--event-rate",
            paramLabel = "R",
            converter = PositiveNumber.Long.class,
            description = {
                "The generated alerts keep their order and content, their timestamps are rescaled",
                "to R alerts per second of event time, as a live stream at that rate would have",
                "them (default: 10000)."
            })
    Long eventRate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Job configuration (default: " + DEFAULT_CONFIG + ").")
    Path config;

    /** Whether {@code --event-rate} was given. */
    boolean eventRateGiven() {
        return eventRate != null;
    }

    /** Alerts per second of event time: {@code --event-rate}, or the default. */
    double eventRate() {
        return eventRate == null ? BenchOptions.DEFAULT_EVENT_RATE : eventRate;
    }

    /** {@code --config}, or the benchmark configuration below the project {@code root}. */
    Path config(Path root) {
        return config != null ? config : root.resolve(DEFAULT_CONFIG);
    }
}
