package dev.pagerboy.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one replay is asked to do, from the command line or a test.
 *
 * @param archive the archive directory to read
 * @param config the configuration to replay under (the live one, or a what-if one)
 * @param handlers route id to a new handler ROM file, replacing the route's configured ROM
 * @param stretch the event time the replay reports on
 * @param out where the replay writes its own archive
 * @param parallelism the replay job's parallelism
 * @param maxOutOfOrderness the live job's {@code --max-out-of-orderness}
 * @param progress whether to draw the progress bar
 * @param replayed the archive of a replay that already ran ({@code flink run ... --mode replay} on
 *     a cluster), to compare instead of running the replay job here; {@code null} to run it
 */
public record ReplayRequest(
        Path archive,
        Path config,
        Map<String, Path> handlers,
        ArchiveStretch stretch,
        Path out,
        int parallelism,
        Duration maxOutOfOrderness,
        boolean progress,
        Path replayed) {

    /** The live job's default {@code --max-out-of-orderness}. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    public ReplayRequest {
        handlers = Map.copyOf(handlers);
    }

    /** A replay that runs its job here. */
    public ReplayRequest(
            Path archive,
            Path config,
            Map<String, Path> handlers,
            ArchiveStretch stretch,
            Path out,
            int parallelism,
            Duration maxOutOfOrderness,
            boolean progress) {
        this(
                archive,
                config,
                handlers,
                stretch,
                out,
                parallelism,
                maxOutOfOrderness,
                progress,
                null);
    }

    /** This request, comparing the replay archive at {@code dir} instead of running the job. */
    public ReplayRequest comparing(Path dir) {
        return new ReplayRequest(
                archive,
                config,
                handlers,
                stretch,
                out,
                parallelism,
                maxOutOfOrderness,
                progress,
                dir);
    }

    /** A whole-archive replay with the defaults (tests). */
    public static ReplayRequest of(Path archive, Path config, Path out) {
        return new ReplayRequest(
                archive,
                config,
                Map.of(),
                ArchiveStretch.WHOLE,
                out,
                2,
                DEFAULT_OUT_OF_ORDERNESS,
                false);
    }

    public ReplayRequest withHandlers(Map<String, Path> newHandlers) {
        return new ReplayRequest(
                archive,
                config,
                newHandlers,
                stretch,
                out,
                parallelism,
                maxOutOfOrderness,
                progress,
                replayed);
    }
}
