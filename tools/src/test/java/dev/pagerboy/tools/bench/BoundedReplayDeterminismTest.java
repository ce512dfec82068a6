package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's bounded throughput run, twice over the same Kafka input, must decide the same:
 * the same archive rows (every alert's decision, every notification and mute) and so the same
 * committed notifications. The input is the benchmark's own (generated, seeded, live event rate)
 * with its clock: 2,000 alerts over 10 s of event time, where {@code bench.yaml}'s 1 min {@code
 * group_interval} puts every group's second flush after the input's end.
 *
 * <p>Without the clock (ticks) the end of the input is unknown to the job, and those second flushes
 * ran for the groups whose first flush happened before the watermark's final jump to the end of
 * time but not for the others: two runs differed by tens of notifications.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BoundedReplayDeterminismTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void twoBoundedRunsOverTheSameInputDecideTheSame() throws Exception {
        BoundedBenchRun bench = BoundedBenchRun.load(KAFKA, work);

        List<String> first = run(bench, "determinism-first");
        List<String> second = run(bench, "determinism-second");

        assertThat(first).as("archive rows of the first run").isNotEmpty();
        assertThat(flushTimes(first))
                .as("flushes after the input's end")
                .allMatch(t -> t <= bench.end());
        assertThat(flushTimes(first)).as("notifications").isNotEmpty();
        assertThat(second).as("rows of the second run").hasSameSizeAs(first);
        assertThat(difference(first, second)).as("rows only in the first run").isEmpty();
        assertThat(difference(second, first)).as("rows only in the second run").isEmpty();
    }

    /** One bounded run as the benchmark configures it; its archive rows, one line each, sorted. */
    private List<String> run(BoundedBenchRun bench, String name) throws Exception {
        try (MiniClusterJob job = MiniClusterJob.start(bench.job(name, null), 2, name)) {
            job.awaitFinished(Duration.ofMinutes(2));
        }
        List<String> rows = new ArrayList<>();
        for (ArchiveRecord r : ParquetArchive.reader(bench.archive(name)).readAll()) {
            rows.add(
                    String.join(
                            " ",
                            r.kind().text(),
                            r.id(),
                            Long.toString(r.eventTime()),
                            r.key(),
                            r.outcome(),
                            r.payloadJson()));
        }
        rows.sort(null);
        return rows;
    }

    /** When the flushes that left a row (a notification or a mute) happened. */
    private static List<Long> flushTimes(List<String> rows) {
        return rows.stream()
                .filter(
                        r ->
                                r.startsWith(ArchiveKind.NOTIFICATION.text() + " ")
                                        || r.startsWith(ArchiveKind.MUTE.text() + " "))
                .map(r -> Long.parseLong(r.split(" ", 4)[2]))
                .toList();
    }

    /** Rows of {@code a} missing from {@code b}, at most 5 (enough to see what differs). */
    private static List<String> difference(List<String> a, List<String> b) {
        TreeSet<String> in = new TreeSet<>(b);
        return a.stream().filter(r -> !in.contains(r)).limit(5).toList();
    }
}
