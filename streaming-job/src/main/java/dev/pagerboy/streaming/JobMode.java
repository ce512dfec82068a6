package dev.pagerboy.streaming;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code flink run ... pagerboy-job.jar} runs: the live job on Kafka, or the replay of an
 * archive through the same pipeline into a new archive (docs/OPERATIONS.md, "Replay on a cluster").
 * One jar does both, so a cluster that runs the live job can replay its history.
 */
public enum JobMode {
    /** The live job: Kafka in, Kafka and the archive out ({@link LiveJob}). */
    LIVE,
    /** The archive's inputs in, a new archive out ({@link ReplayJob}, {@link ClusterReplay}). */
    REPLAY;

    /** {@code live} or {@code replay}. */
    static final class Converter implements ITypeConverter<JobMode> {
        @Override
        public JobMode convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "live" -> LIVE;
                case "replay" -> REPLAY;
                default ->
                        throw new TypeConversionException(
                                "must be live or replay, got '" + value + "'");
            };
        }
    }
}
