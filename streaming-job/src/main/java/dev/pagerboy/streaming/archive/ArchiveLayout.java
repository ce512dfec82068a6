package dev.pagerboy.streaming.archive;

import java.time.Duration;

/**
 * Where the archive lives and how often its files are merged.
 *
 * <p>Parquet is a bulk format, so Flink must close a part file at every checkpoint; with 1 s
 * checkpoints that alone would make 3,600 files per hour per writer. The file sink therefore
 * compacts: each writer's files are merged into one once {@code compactEveryCheckpoints}
 * checkpoints have passed or {@code compactAtBytes} have accumulated, whichever comes first. Rows
 * become visible to readers only when the merged file is committed, so the archive trails the
 * notifications by up to {@code compactEveryCheckpoints} checkpoint intervals (see
 * docs/ARCHIVE.md).
 *
 * @param basePath directory or URI (e.g. {@code file:///var/pagerboy/archive}, {@code s3://...})
 * @param compactEveryCheckpoints merge after this many checkpoints; 1 writes one file per
 *     checkpoint (no compaction)
 * @param compactAtBytes merge early once this many bytes are pending
 */
public record ArchiveLayout(String basePath, int compactEveryCheckpoints, long compactAtBytes) {

    /** Default merge cadence: one file per writer per minute at 1 s checkpoints. */
    public static final int DEFAULT_COMPACT_EVERY_CHECKPOINTS = 60;

    /** Default early-merge threshold. */
    public static final long DEFAULT_COMPACT_AT_BYTES = 64L * 1024 * 1024;

    public ArchiveLayout {
        if (basePath == null || basePath.isBlank()) {
            throw new IllegalArgumentException("archive path must not be empty");
        }
        if (compactEveryCheckpoints < 1) {
            throw new IllegalArgumentException(
                    "compactEveryCheckpoints must be at least 1, was " + compactEveryCheckpoints);
        }
        if (compactAtBytes < 1) {
            throw new IllegalArgumentException(
                    "compactAtBytes must be positive, was " + compactAtBytes);
        }
    }

    public static ArchiveLayout at(String basePath) {
        return new ArchiveLayout(
                basePath, DEFAULT_COMPACT_EVERY_CHECKPOINTS, DEFAULT_COMPACT_AT_BYTES);
    }

    public ArchiveLayout compactingEvery(int checkpoints) {
        return new ArchiveLayout(basePath, checkpoints, compactAtBytes);
    }

    /** How long committed rows can trail the rest of the job's output. */
    public Duration visibilityLag(Duration checkpointInterval) {
        return checkpointInterval.multipliedBy(compactEveryCheckpoints);
    }
}
