package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archive schema v2 keeps at most three rows per alert on the benchmark's workload (issue 13; v1
 * wrote about 12.4): the benchmark's generated, seeded input and its clock, as live input (rescaled
 * to the live event rate) and as history (the generated timestamps), through the bounded run the
 * benchmark makes with {@code bench.yaml}. Every row counts: inputs, ticks, decisions, pages,
 * mutes.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ArchiveRowsPerAlertTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /**
     * As many as {@code ArchiveWriteBench}'s corpus: the clock is at most 101 ticks whatever the
     * input's size, so a small input would mostly measure ticks.
     */
    private static final long ALERTS = 20_000;

    private static final double EVENT_RATE = 200;

    @TempDir Path work;

    @ParameterizedTest(name = "history input: {0}")
    @ValueSource(booleans = {false, true})
    void theArchiveHoldsAtMostThreeRowsPerAlert(boolean history) throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".."));
        JobOptions defaults = JobOptions.defaults(root.resolve("streaming-job/config/bench.yaml"));
        JobConfig config = JobConfig.load(defaults);
        KafkaSettings.Topics topics = config.topics();
        KAFKA.createTopics(
                2,
                topics.alerts(),
                topics.silences(),
                topics.ticks(),
                topics.notifications(),
                topics.deadLetters());
        BenchInput.Loaded input =
                BenchInput.load(
                        KAFKA.bootstrapServers(), topics.alerts(), 7, ALERTS, history, EVENT_RATE);
        BenchInput.loadClock(KAFKA.bootstrapServers(), topics.ticks(), input);

        Path archive = work.resolve("archive");
        JobConfig bounded =
                new JobConfig(
                        config.pagerboy(),
                        PipelineBench.throughputOptions(config.options().configFile())
                                .bootstrapServers(KAFKA.bootstrapServers())
                                .archive(ArchiveLayout.at(archive.toUri().toString()))
                                .checkpointDir(work.resolve("checkpoints").toUri().toString())
                                .groupId("rows-per-alert")
                                .transactionalIdPrefix("rows-per-alert")
                                .build());
        try (MiniClusterJob job = MiniClusterJob.start(bounded, 2, "rows per alert")) {
            job.awaitFinished(Duration.ofMinutes(6));
        }
        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        Map<String, Long> byKind = new TreeMap<>();
        rows.forEach(r -> byKind.merge(r.kind().text(), 1L, Long::sum));
        double perAlert = rows.size() / (double) ALERTS;
        System.out.printf(
                "archive rows per alert (%s input): %.3f %s%n",
                history ? "history" : "live", perAlert, byKind);

        assertThat(byKind).containsEntry("alert_raw", ALERTS);
        assertThat(byKind.get("decision")).isGreaterThanOrEqualTo(ALERTS);
        assertThat(perAlert).isLessThanOrEqualTo(3.0);
    }
}
