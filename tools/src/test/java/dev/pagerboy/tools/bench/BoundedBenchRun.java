package dev.pagerboy.tools.bench;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.nio.file.Path;

/**
 * The benchmark's bounded throughput run at a test's size, as the tests that run it share it: the
 * benchmark's own input (generated, seeded, at a live event rate) and its clock, loaded into a test
 * broker's topics, and the job {@code bench pipeline} runs over it, with its archive, checkpoints
 * and transactional ids under a name of the test's choosing.
 *
 * <p>2,000 alerts over 10 s of event time: big enough for hundreds of groups, small enough for a
 * run of a few seconds on a loaded machine.
 */
final class BoundedBenchRun {

    static final long SEED = 7;
    static final long ALERTS = 2_000;
    static final double EVENT_RATE = 200;
    static final int PARTITIONS = 2;

    private final KafkaBrokerExtension kafka;
    private final Path work;
    private final JobConfig config;
    private final BenchInput.Loaded input;
    private final long end;

    private BoundedBenchRun(
            KafkaBrokerExtension kafka,
            Path work,
            JobConfig config,
            BenchInput.Loaded input,
            long end) {
        this.kafka = kafka;
        this.work = work;
        this.config = config;
        this.input = input;
        this.end = end;
    }

    /**
     * Creates the job's topics on {@code kafka} and loads the alerts and their clock; the runs'
     * files go under {@code work}.
     */
    static BoundedBenchRun load(KafkaBrokerExtension kafka, Path work) throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".."));
        JobConfig config =
                JobConfig.load(
                        JobOptions.defaults(root.resolve("streaming-job/config/bench.yaml")));
        LiveJobTopics.createAll(kafka, config.topics(), PARTITIONS);
        BenchInput.Loaded input =
                BenchInput.load(
                        kafka.bootstrapServers(),
                        config.topics().alerts(),
                        SEED,
                        ALERTS,
                        false,
                        EVENT_RATE);
        long end = BenchInput.loadClock(kafka.bootstrapServers(), config.topics().ticks(), input);
        return new BoundedBenchRun(kafka, work, config, input, end);
    }

    JobConfig config() {
        return config;
    }

    KafkaSettings.Topics topics() {
        return config.topics();
    }

    BenchInput.Loaded input() {
        return input;
    }

    /** The last tick's event time: where the input's time ends. */
    long end() {
        return end;
    }

    /** Where run {@code name} archives. */
    Path archive(String name) {
        return work.resolve("archive-" + name);
    }

    /**
     * The bounded job {@code bench pipeline} runs, as run {@code name}: its own archive,
     * checkpoints, consumer group and transactional ids; anchoring on {@code ledger} if not null.
     */
    JobConfig job(String name, LedgerEndpoint ledger) {
        return new JobConfig(
                config.pagerboy(),
                PipelineBench.throughputOptions(config.options().configFile())
                        .ledger(ledger)
                        .bootstrapServers(kafka.bootstrapServers())
                        .archive(ArchiveLayout.at(archive(name).toUri().toString()))
                        .checkpointDir(work.resolve("checkpoints-" + name).toUri().toString())
                        .groupId(name)
                        .transactionalIdPrefix(name)
                        .build());
    }
}
