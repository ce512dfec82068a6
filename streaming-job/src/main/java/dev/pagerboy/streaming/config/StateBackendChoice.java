package dev.pagerboy.streaming.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;

/**
 * Where the job keeps keyed state and how it checkpoints it ({@code state_backend} in {@code
 * pagerboy.yaml}, {@code --state-backend} on the command line and in {@code bench pipeline}).
 *
 * <p>The default is {@link #CHANGELOG}: the heap state of {@link #HASHMAP}, plus a log of its
 * changes. With full heap snapshots every checkpoint wrote all state (93 MB at 2,000 alerts/s), so
 * a 1 s checkpoint took about a second and held every notification back that long; with the
 * changelog a checkpoint uploads only the changes since the last one, and the heap is written in
 * full ("materialised") every {@link #MATERIALIZATION_INTERVAL} in the background, after which the
 * log before it is dropped (docs/BENCHMARKS.md, "Session 9: the changelog backend adopted").
 */
public enum StateBackendChoice {
    /** State on the heap, a full snapshot per checkpoint (Flink's default). */
    HASHMAP,
    /** Embedded RocksDB with incremental checkpoints: for the bench only (slow on 2 cores). */
    ROCKSDB,
    /** Heap state plus the changelog: each checkpoint uploads the state changes since the last. */
    CHANGELOG;

    /** The job's backend when neither {@code pagerboy.yaml} nor the command line names one. */
    public static final StateBackendChoice DEFAULT = CHANGELOG;

    /**
     * How often the changelog backend writes the whole heap state, after which the log before it
     * can be deleted. It bounds the log a restore replays and the checkpoint directory keeps to
     * about this long of state changes; each materialisation costs one full snapshot, so at 10 s
     * the job pays a tenth of the snapshot work it paid with a full snapshot every 1 s checkpoint.
     * Flink's default, 10 minutes, let the log reach several GB at the bench's rates.
     */
    public static final Duration MATERIALIZATION_INTERVAL = Duration.ofSeconds(10);

    /** Under the checkpoint directory: the changelog's files. */
    public static final String CHANGELOG_DIRECTORY = "changelog";

    /**
     * The job's Flink settings for this choice. {@code checkpointDir} (a URI, or {@code null} for
     * the cluster's) also receives the changelog's files, in {@link #CHANGELOG_DIRECTORY}: where
     * checkpoints are durable, so is the log they refer to.
     *
     * <p>Flink reads the changelog's storage on the TaskManager from the cluster's configuration,
     * not the job's: a local MiniCluster runs with these settings as its own, a standalone cluster
     * needs {@link #changelogStorage} in its {@code config.yaml} (docs/OPERATIONS.md).
     */
    public Configuration settings(String checkpointDir) {
        Configuration conf = new Configuration();
        switch (this) {
            case HASHMAP -> {
                set(conf, "state.backend.type", "hashmap");
                set(conf, "state.changelog.enabled", "false");
            }
            case ROCKSDB -> {
                set(conf, "state.backend.type", "rocksdb");
                set(conf, "state.changelog.enabled", "false");
                set(conf, "execution.checkpointing.incremental", "true");
            }
            case CHANGELOG -> {
                set(conf, "state.backend.type", "hashmap");
                set(conf, "state.changelog.enabled", "true");
                set(
                        conf,
                        "state.changelog.periodic-materialize.interval",
                        MATERIALIZATION_INTERVAL.toMillis() + " ms");
                // Flink's default restore mode (NO_CLAIM) makes the first checkpoint after a
                // restore a full one, which the changelog cannot take: every restore of a resumed
                // job failed with "does not support enforcing a full snapshot". CLAIM makes the
                // checkpoint or savepoint the job starts from its own, deleted once subsumed.
                set(conf, "execution.state-recovery.claim-mode", "CLAIM");
                if (checkpointDir != null) {
                    conf.addAll(changelogStorage(checkpointDir));
                }
            }
        }
        return conf;
    }

    /**
     * The TaskManager's changelog storage: files under {@code checkpointDir}'s {@link
     * #CHANGELOG_DIRECTORY}. Without it Flink keeps the log in memory and inside each checkpoint's
     * metadata.
     */
    public static Configuration changelogStorage(String checkpointDir) {
        Configuration conf = new Configuration();
        set(conf, "state.changelog.storage", "filesystem");
        set(conf, "state.changelog.dstl.dfs.base-path", under(checkpointDir));
        return conf;
    }

    private static String under(String checkpointDir) {
        String base =
                checkpointDir.endsWith("/")
                        ? checkpointDir.substring(0, checkpointDir.length() - 1)
                        : checkpointDir;
        return base + "/" + CHANGELOG_DIRECTORY;
    }

    /** The name on the command line, in {@code pagerboy.yaml} and in the bench's last line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job ships what this choice needs (RocksDB is the bench's only). */
    public boolean forTheJob() {
        return this != ROCKSDB;
    }

    /** The choice named {@code name}, any of the three. */
    public static Optional<StateBackendChoice> named(String name) {
        for (StateBackendChoice choice : values()) {
            if (choice.cliName().equals(name)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    /** Reads {@code hashmap}, {@code rocksdb} or {@code changelog} (the bench's flag). */
    public static final class Converter implements CommandLine.ITypeConverter<StateBackendChoice> {
        @Override
        public StateBackendChoice convert(String value) {
            return named(value)
                    .orElseThrow(
                            () ->
                                    new CommandLine.TypeConversionException(
                                            "unknown state backend '"
                                                    + value
                                                    + "' (known: hashmap, rocksdb, changelog)"));
        }
    }

    /** Reads {@code changelog} or {@code hashmap} (the job's flag). */
    public static final class JobConverter
            implements CommandLine.ITypeConverter<StateBackendChoice> {
        @Override
        public StateBackendChoice convert(String value) {
            return named(value)
                    .filter(StateBackendChoice::forTheJob)
                    .orElseThrow(
                            () ->
                                    new CommandLine.TypeConversionException(
                                            "unknown state backend '"
                                                    + value
                                                    + "' (expected changelog or hashmap)"));
        }
    }

    private static void set(Configuration conf, String key, String value) {
        conf.set(ConfigOptions.key(key).stringType().noDefaultValue(), value);
    }
}
