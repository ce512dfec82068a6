package dev.pagerboy.replay;

import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.JobDurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every replay command shares, a picocli mixin: which archive, under which
 * configuration, where the replay writes, and how the replay job runs. {@code replay} and {@code
 * replay incident} declare them once here, so their help and defaults cannot drift apart.
 */
final class ReplayOptions {

    @Option(
            names = "--archive",
            paramLabel = "DIR",
            description = "The archive to replay (required).")
    Path archive;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The pagerboy.yaml to replay under (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("pagerboy.yaml");

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Where the replay writes its archive: an empty or new directory (default: the"
                            + " next free pagerboy-replay/run-N, so replays never mix).")
    Path outDir;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Replay job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            converter = JobDurationConverter.class,
            description = "The live job's --max-out-of-orderness (default: 5s).")
    Duration maxOutOfOrderness = ReplayRequest.DEFAULT_OUT_OF_ORDERNESS;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    /**
     * The request these options describe.
     *
     * @throws UsageException without {@code --archive}: picocli does not require it, because a
     *     required option of {@code replay} would be required of {@code replay incident} too
     */
    ReplayRequest request(Map<String, Path> handlers, ArchiveStretch stretch) {
        if (archive == null) {
            throw new UsageException("Missing required option: '--archive=DIR'");
        }
        return new ReplayRequest(
                archive,
                config,
                handlers,
                stretch,
                outDir != null ? outDir : nextFreeRun(Path.of("pagerboy-replay")),
                parallelism,
                maxOutOfOrderness,
                !noProgress);
    }

    /** {@code base/run-1}, {@code base/run-2}, …: the first that does not exist yet. */
    static Path nextFreeRun(Path base) {
        for (int n = 1; ; n++) {
            Path run = base.resolve("run-" + n);
            if (!Files.exists(run)) {
                return run;
            }
        }
    }
}
