package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.InputTopicSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * The live job's complete, immutable configuration: what it decides ({@link PagerBoyConfig}, from
 * {@code pagerboy.yaml}) and how this deployment runs ({@link JobOptions}, from the command line).
 * It hands each component only the piece it needs.
 */
public record JobConfig(PagerBoyConfig pagerboy, JobOptions options) implements Serializable {

    /** Loads {@code options.configFile()}; a problem names the file, line and key. */
    public static JobConfig load(JobOptions options) throws ConfigException {
        return new JobConfig(PagerBoyConfig.load(options.configFile()), options);
    }

    public KafkaSettings.Topics topics() {
        return pagerboy.kafka().topics();
    }

    public String bootstrapServers() {
        return options.bootstrapServers() != null
                ? options.bootstrapServers()
                : pagerboy.kafka().bootstrapServers();
    }

    public Duration checkpointInterval() {
        return pagerboy.checkpointInterval();
    }

    /** {@code --state-backend} if given, else {@code state_backend} from the YAML. */
    public StateBackendChoice stateBackend() {
        return options.stateBackend() != null ? options.stateBackend() : pagerboy.stateBackend();
    }

    public InputTopicSettings inputs() {
        return new InputTopicSettings(
                bootstrapServers(),
                options.groupId(),
                options.maxOutOfOrderness(),
                options.idleTimeout(),
                options.stopAtLatest());
    }

    public ExactlyOnceSinkSettings outputs() {
        return new ExactlyOnceSinkSettings(
                bootstrapServers(), options.transactionalIdPrefix(), options.transactionTimeout());
    }

    /**
     * The archive layout. A bounded run ({@code --bounded}) writes one file per checkpoint and
     * writer instead of compacting: Flink 2.2's compactor does not restore the id of the last
     * checkpoint it saw, so when the input ends before the first checkpoint after a restore, the
     * merge requests it restored are never run and their rows stay in hidden files (see
     * docs/ARCHIVE.md). Unbounded (live) jobs never end their input and are not affected.
     */
    public ArchiveLayout archive() {
        return options.stopAtLatest() ? options.archive().compactingEvery(1) : options.archive();
    }
}
