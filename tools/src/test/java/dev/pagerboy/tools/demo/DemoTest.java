package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on real services: Kafka, the job on a MiniCluster, the feeder and the
 * summary, on the first records of the shipped sample. The configuration is a small one of its own
 * so that this test checks the demo's mechanics, not the sample configuration's routing.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DemoTest {

    private static final String CONFIG =
            """
            kafka:
              bootstrap_servers: localhost:9092
            checkpoint_interval: 1s
            receivers:
              - {name: ops, team: ops}
              - {name: critical, team: ops}
            route:
              receiver: ops
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - matchers: ['severity="critical"']
                  receiver: critical
            """;

    @Test
    void replaysTheSampleAndReportsWhatWasCommitted(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root"));
        Path config = Files.writeString(dir.resolve("pagerboy.yaml"), CONFIG);
        List<Envelope> sample =
                EnvelopeReader.readAll(
                                root.resolve("datasets/samples/pcic2021-3w.alertmanager.jsonl.gz"))
                        .subList(0, 300);
        DemoOptions options =
                new DemoOptions(
                        config,
                        Path.of("sample"),
                        5,
                        OptionalDouble.empty(),
                        dir.resolve("work"),
                        DemoOptions.DEFAULT_COMPACT_EVERY);
        JobOptions defaults = JobOptions.defaults(config);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        DemoSummary summary =
                new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8))
                        .execute(options, defaults, JobConfig.load(defaults), sample);

        assertThat(summary.fed().alerts()).isEqualTo(300);
        // Every input is archived exactly once, and the job decided about every alert.
        assertThat(summary.alertsArchived()).isEqualTo(300);
        // Once (CI at load ~50) no decision row was committed although every alert row was;
        // the demo's own output and the archive's files say what the run did.
        assertThat(summary.dedupOutcomes().values().stream().mapToLong(Long::longValue).sum())
                .as(
                        "decisions archived; the demo printed:%n%s%narchive files:%n%s",
                        printed.toString(StandardCharsets.UTF_8),
                        ParquetArchive.reader(summary.archive()).committedFiles())
                .isGreaterThanOrEqualTo(300);
        assertThat(summary.deadLetters()).isZero();
        assertThat(summary.notifications()).isPositive();
        // Every configured receiver is listed, with zero where nothing was sent.
        assertThat(summary.notificationsByReceiver().keySet()).containsExactly("critical", "ops");
        // This configuration has no handler ROM: every decision is the default one.
        assertThat(summary.decisionsByHandler()).containsOnlyKeys("(no ROM)");
        assertThat(summary.decisionsByHandler().get("(no ROM)")).isPositive();
        assertThat(summary.archiveFiles()).isPositive();
        // Every archive row has its own id: inputs by their source coordinates, ticks too (the
        // feeder writes one tick per partition, which once shared an id), decisions by their input.
        List<String> ids =
                ParquetArchive.reader(summary.archive()).readAll().stream()
                        .map(ArchiveRecord::id)
                        .toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(summary.archiveBytes()).isPositive();
        // One dispatcher replica delivered every committed page to the local receiver, once.
        assertThat(summary.deliveries().delivered()).isEqualTo(summary.notifications());
        assertThat(summary.deliveries().failed()).isZero();
        assertThat(summary.deliveries().effects()).isEqualTo(summary.notifications());
        summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("deliveries=" + summary.notifications() + "\n")
                .contains("delivery_failures=0\n")
                .contains("[5/5] draining the job")
                .contains("bootstrap.servers=127.0.0.1:");
    }
}
