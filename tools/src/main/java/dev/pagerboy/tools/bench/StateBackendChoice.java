package dev.pagerboy.tools.bench;

import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;

/**
 * Where the bench's jobs keep keyed state and how they checkpoint it ({@code --state-backend}), so
 * that backends can be measured side by side under the same load. The job's default is the heap
 * ({@code hashmap}): every checkpoint writes all state. The others write only what changed.
 */
enum StateBackendChoice {
    /** Flink's default: state on the heap, a full snapshot per checkpoint. */
    HASHMAP,
    /** Embedded RocksDB with incremental checkpoints (new SST files only). */
    ROCKSDB,
    /** Heap state plus the changelog: each checkpoint uploads the state changes since the last. */
    CHANGELOG;

    /** The Flink settings of this choice; {@code work} holds the changelog's files. */
    Configuration settings(Path work) {
        Configuration conf = new Configuration();
        switch (this) {
            case HASHMAP -> set(conf, "state.backend.type", "hashmap");
            case ROCKSDB -> {
                set(conf, "state.backend.type", "rocksdb");
                set(conf, "execution.checkpointing.incremental", "true");
            }
            case CHANGELOG -> {
                set(conf, "state.backend.type", "hashmap");
                set(conf, "state.changelog.enabled", "true");
                set(conf, "state.changelog.storage", "filesystem");
                set(
                        conf,
                        "state.changelog.dstl.dfs.base-path",
                        work.resolve("changelog").toUri().toString());
            }
        }
        return conf;
    }

    /** The name on the command line and in the last line. */
    String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads {@code hashmap}, {@code rocksdb} or {@code changelog}. */
    static final class Converter implements CommandLine.ITypeConverter<StateBackendChoice> {
        @Override
        public StateBackendChoice convert(String value) {
            for (StateBackendChoice choice : values()) {
                if (choice.cliName().equals(value)) {
                    return choice;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "unknown state backend '" + value + "' (known: hashmap, rocksdb, changelog)");
        }
    }

    private static void set(Configuration conf, String key, String value) {
        conf.set(ConfigOptions.key(key).stringType().noDefaultValue(), value);
    }
}
