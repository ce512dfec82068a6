package dev.pagerboy.streaming.archive;

import java.time.Duration;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * Rolls an archive part file on every checkpoint, as a bulk format must, and also as soon as its
 * event hour has had no row for {@link #IDLE} of processing time.
 *
 * <p>Rolling only on checkpoints kept every hour bucket written since the last checkpoint open,
 * each with its Parquet column writers and dictionaries. A live job writes a handful of hours per
 * checkpoint, but a bounded run over years of history crosses days of event time per checkpoint:
 * {@code ./pagerboy job --bounded} over a ten-year history held 15,092 open column writers and ran
 * out of a 1 GB heap within two minutes. A rolled file is closed (its buffers are freed) and waits,
 * pending, for the checkpoint that commits it, so exactly-once is unchanged; an hour that gets more
 * rows later just gets another part file, which compaction merges.
 */
final class ArchiveRollingPolicy<IN> extends CheckpointRollingPolicy<IN, String> {

    private static final long serialVersionUID = 1L;

    /** How long an hour bucket may sit without a row before its file is closed. */
    static final Duration IDLE = Duration.ofSeconds(2);

    /** How often the sink asks each open bucket whether to roll (Flink's default is a minute). */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<String> partFile, IN element) {
        return false;
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<String> partFile, long currentTime) {
        return currentTime - partFile.getLastUpdateTime() >= IDLE.toMillis();
    }
}
