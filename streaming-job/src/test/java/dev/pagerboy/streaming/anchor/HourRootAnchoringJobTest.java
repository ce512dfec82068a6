package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hour roots anchored by a running job on a real Anvil, through checkpoints: an endless paced
 * stream of archive rows, one per minute of event time, goes through {@link ArchiveHourSealer} and
 * {@link HourRootAnchorSink}; the task crashes once right after the chain mined the first root and
 * before the commit returned, and Flink restores and commits again. Every hour sealed while the job
 * runs must be on the chain exactly once, under the root of exactly that hour's rows, and the
 * {@code archive_root} rows the job committed must name the same roots.
 *
 * <p>{@code ArchiveVerifierTest} (audit shell) covers the other path: a bounded run whose last
 * hours are sealed and anchored at the end of its input.
 */
@Tag("integration")
class HourRootAnchoringJobTest {

    static final long T0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;

    /** Roots to see on the chain before the job is stopped: enough for several checkpoints. */
    static final int HOURS = 6;

    @RegisterExtension static final MiniClusterExtension flink = FlinkMiniCluster.extension();

    @TempDir Path dir;
    AnvilNode anvil;

    @BeforeEach
    void startChain() {
        anvil = AnvilNode.builder().start();
        CrashAfterFirstAnchor.CRASHED.set(false);
    }

    @AfterEach
    void stopChain() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everySealedHourIsAnchoredOnceUnderTheRootOfItsRowsDespiteACrashBeforeTheCommit()
            throws Exception {
        LedgerEndpoint ledger = LocalLedger.deploy(anvil, dir.resolve("writer.key"));
        LedgerConnector crashing = () -> new CrashAfterFirstAnchor(ledger.connect());
        CommittedValues<ArchiveRecord> rootRows = new CommittedValues<>();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(300);
        DataStream<ArchiveRecord> rows =
                env.fromSource(
                                new DataGeneratorSource<>(
                                        HourRootAnchoringJobTest::row,
                                        Long.MAX_VALUE,
                                        // 5 hours of event time a second, a checkpoint per 1.5 h
                                        RateLimiterStrategy.perSecond(300),
                                        TypeInformation.of(ArchiveRecord.class)),
                                WatermarkStrategy.<ArchiveRecord>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.eventTime()),
                                "rows")
                        .setParallelism(1) // one split counts 0, 1, 2, …
                        .uid("rows");
        ArchiveHourSealer.sealed(
                        rows,
                        new HourRootAnchorSink(
                                crashing,
                                new AnchorRetry(2, Duration.ofMillis(100), Duration.ofMillis(200))))
                .filter(r -> r.kind() == ArchiveKind.ARCHIVE_ROOT)
                .sinkTo(rootRows)
                .uid("root-rows");
        JobClient job = env.executeAsync("hour-root-anchoring");
        WatchedJob watched = WatchedJob.onCluster(flink, job);

        // The root rows' sink and the anchoring committer are told of a checkpoint each on its
        // own, so wait for an instant when the two agree, as AnchoringJobTest does.
        AtomicReference<List<AnchorEvent>> anchored = new AtomicReference<>();
        AtomicReference<List<ArchiveRecord>> committedRows = new AtomicReference<>();
        try (var client = ledger.connect()) {
            watched.await(
                    HOURS + " hour roots on the chain and their rows committed, after the crash",
                    Duration.ofMinutes(3),
                    () -> {
                        List<ArchiveRecord> committed = rootRows.values();
                        List<AnchorEvent> events = client.latestAnchors(100_000);
                        anchored.set(events);
                        committedRows.set(committed);
                        return CrashAfterFirstAnchor.CRASHED.get()
                                && committed.size() >= HOURS
                                && committed.stream()
                                        .map(r -> rootOfHour(r.eventTime()).batchId())
                                        .collect(Collectors.toSet())
                                        .equals(
                                                events.stream()
                                                        .map(AnchorEvent::batchId)
                                                        .collect(Collectors.toSet()));
                    });
        }
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        WatchedJob.cancelAndAwaitEnd(job);
        List<ArchiveRecord> committed = committedRows.get();

        List<AnchorEvent> events = anchored.get();
        assertThat(events)
                .extracting(AnchorEvent::batchId)
                .as("no hour anchored twice, the crashed commit's included")
                .doesNotHaveDuplicates();
        for (AnchorEvent e : events) {
            ArchiveHourRoot expected = rootOfHour(e.firstSeq() * HOUR);
            assertThat(e.batchId()).isEqualTo(expected.batchId());
            assertThat(e.root())
                    .as("the root anchored for hour %s", Instant.ofEpochMilli(expected.hourStart()))
                    .isEqualTo(expected.root());
            assertThat(e.leafCount()).isEqualTo(60);
        }
        Map<Bytes32, AnchorEvent> onChain =
                events.stream()
                        .collect(Collectors.toMap(AnchorEvent::batchId, Function.identity()));
        assertThat(committed).extracting(ArchiveRecord::id).doesNotHaveDuplicates();
        for (ArchiveRecord row : committed) {
            ArchiveHourRoot expected = rootOfHour(row.eventTime());
            assertThat(row.id())
                    .isEqualTo("archive_root:" + Instant.ofEpochMilli(row.eventTime()) + "/0");
            assertThat(row.payloadJson()).contains("\"root\":\"" + expected.root().toHex() + "\"");
            assertThat(onChain)
                    .as("committed root row %s is on the chain", row.id())
                    .containsKey(expected.batchId());
        }
    }

    /** Row {@code n}: a notification at {@code T0 + n} minutes, so each hour has 60 rows. */
    static ArchiveRecord row(long n) {
        String ref = "n-" + n;
        return ArchiveRecord.decision(
                ArchiveKind.NOTIFICATION.rowId(ref),
                ArchiveKind.NOTIFICATION,
                T0 + n * MINUTE,
                "fp-" + ref,
                "sent",
                Map.of("ref", ref));
    }

    /** The generation-0 root of {@code hour}: the root of the 60 rows the source made for it. */
    static ArchiveHourRoot rootOfHour(long hour) {
        List<ArchiveRecord> rows = new ArrayList<>();
        long first = (hour - T0) / MINUTE;
        for (long n = first; n < first + 60; n++) {
            rows.add(row(n));
        }
        return ArchiveHourRoot.of(hour, 0, rows);
    }
}
