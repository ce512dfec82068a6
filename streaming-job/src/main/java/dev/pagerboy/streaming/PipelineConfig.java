package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.lateness.LateControls;
import dev.pagerboy.streaming.lateness.LateFlushes;
import dev.pagerboy.streaming.lateness.LateRoutedAlerts;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the {@link Pipeline}'s functions need to decide, and nothing about where data comes
 * from or goes to: the validated {@code pagerboy.yaml} (routes, inhibit rules, static silences,
 * receivers, handler ROMs as bytes) plus the rules for how long alerts stay open and their state is
 * kept. Immutable and serializable, so its pieces travel inside the functions to a cluster.
 *
 * @param config the validated configuration file
 * @param lifecycle when a firing alert ends without a resolve, how long resolved state is kept, and
 *     when a group catches up after a gap in the input (see {@link AlertLifecycle})
 * @param lateFlushes the times a replayed archive recorded for flushes that the live job's incident
 *     stage met behind its watermark ({@link LateFlushes#NONE} in the live job)
 * @param lateAlerts the times a replayed archive recorded for routed alerts that the live job's
 *     group stage met behind its watermark ({@link LateRoutedAlerts#NONE} in the live job)
 * @param lateControls the same for silences, ticks and inhibition source changes, per group subtask
 *     ({@link LateControls#NONE} in the live job)
 */
public record PipelineConfig(
        PagerBoyConfig config,
        AlertLifecycle lifecycle,
        LateFlushes lateFlushes,
        LateRoutedAlerts lateAlerts,
        LateControls lateControls)
        implements Serializable {

    public PipelineConfig {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(lateFlushes, "lateFlushes");
        Objects.requireNonNull(lateAlerts, "lateAlerts");
        Objects.requireNonNull(lateControls, "lateControls");
    }

    /** A live job's: no flush times recorded. */
    public PipelineConfig(PagerBoyConfig config, AlertLifecycle lifecycle) {
        this(config, lifecycle, LateFlushes.NONE, LateRoutedAlerts.NONE, LateControls.NONE);
    }

    /** This configuration replaying an archive that recorded these times. */
    public PipelineConfig withRecorded(
            LateFlushes flushes, LateRoutedAlerts alerts, LateControls controls) {
        return new PipelineConfig(config, lifecycle, flushes, alerts, controls);
    }

    /** The configuration with the lifecycle its file sets (or the defaults). */
    public static PipelineConfig of(PagerBoyConfig config) {
        return new PipelineConfig(
                config, config.lifecycle() == null ? AlertLifecycle.DEFAULTS : config.lifecycle());
    }

    /** How long state that is no longer firing is kept after the last alert of its fingerprint. */
    public Duration stateRetention() {
        return lifecycle.resolvedRetention();
    }
}
