package dev.pagerboy.streaming.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds where a stopped local job left off: the newest completed checkpoint under a checkpoint
 * directory. Flink writes {@code <dir>/<job id>/chk-<n>/_metadata} when checkpoint {@code n}
 * completes (the metadata file is written last, so a checkpoint without it never completed), and
 * the job keeps its checkpoints when it is cancelled or killed, so the newest one is the state to
 * resume from.
 */
public final class ResumePoint {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");

    private ResumePoint() {}

    /**
     * The newest completed checkpoint under {@code checkpointDir} (a path or a {@code file:} URI),
     * or empty when there is none (a first start, or a directory of another kind of storage).
     */
    public static Optional<Path> latest(String checkpointDir) {
        Optional<Path> local = localDirectory(checkpointDir);
        if (local.isEmpty() || !Files.isDirectory(local.get())) {
            return Optional.empty();
        }
        Path dir = local.get();
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(ResumePoint::completedCheckpoints)
                    .max(Comparator.comparing(ResumePoint::completedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint directory " + dir, e);
        }
    }

    private static Stream<Path> completedCheckpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(p -> CHECKPOINT.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * The local folder a checkpoint directory names (a plain path or a {@code file:} URI), or empty
     * for none or for other storage ({@code s3://…}).
     */
    public static Optional<Path> localDirectory(String dir) {
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        if (dir.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(dir)));
        }
        return dir.contains("://") ? Optional.empty() : Optional.of(Path.of(dir));
    }
}
