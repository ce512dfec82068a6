package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos R7's lost rows, made deterministic: the archive directory disappears between a checkpoint
 * and its commit (the checkpoint closed its part files through their open descriptors, so it
 * completes; the committer then finds neither the files nor their targets).
 *
 * <p>Flink's local-file committer ({@code LocalCommitter.commitAfterRecovery}, which the file sink
 * uses for every commit) returns silently when a pending file and its target are both missing. The
 * checkpoint counted as committed and the source moved past its rows, so once the directory was
 * back those rows stayed in hidden {@code .part-…inprogress…} files forever. The archive's
 * committer must fail instead, so the job restarts from that checkpoint and commits the files once
 * they are back (issue 20: "never commit a checkpoint without its files").
 *
 * <p>The fault: one task (source → map → writer → committer, chained) at parallelism 1; the source
 * emits {@value #PER_CHECKPOINT} rows per checkpoint and then waits for that checkpoint's
 * completion. The {@link #FAULT_AT}th part file the writer closes (at a checkpoint barrier) moves
 * the archive directory aside and puts a plain file at its path. The outage ends at the first row
 * the map sees after a checkpoint completed (the commit, made in the same notification, was tried
 * by then), or once the job failed over (the fixed committer's failure).
 */
@Tag("integration")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ArchiveCommitOutageTest {

    static final int ROWS = 200;
    static final int PER_CHECKPOINT = 20;
    static final int FAULT_AT = 3;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .setConfiguration(restarts())
                            .build());

    private static final long T0 = Instant.parse("2026-11-28T22:00:00Z").toEpochMilli();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @BeforeEach
    void reset() {
        Outage.reset(dir.resolve("archive"));
    }

    @Test
    void aCheckpointWhoseFilesVanishedBeforeTheirCommitIsNotCommittedWithoutThem()
            throws Exception {
        Path archive = dir.resolve("archive");
        Files.createDirectories(archive);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        DataGeneratorSource<ArchiveRecord> source =
                new DataGeneratorSource<>(
                        i -> ArchiveRecord.tick(new Tick(T0 + i)),
                        ROWS,
                        RateLimiterStrategy.perCheckpoint(PER_CHECKPOINT),
                        TypeInformation.of(ArchiveRecord.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows")
                .map(new EndOutageAfterCommit())
                .sinkTo(
                        ArchiveSinks.parquet(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(1),
                                new ArchiveRecordCodec(),
                                new VanishingArchive()))
                .uid("archive");
        JobClient job = env.executeAsync("archive commit outage");
        WatchedJob watched = WatchedJob.onCluster(FLINK, job);

        watched.await("the archive directory to vanish", Duration.ofMinutes(2), Outage::started);
        // The outage ends by itself on old code (at the next row); a committer that refuses to
        // commit fails the job instead, and then the directory is put back here.
        watched.await(
                "the outage to end: a row after the commit, or a failover",
                Duration.ofMinutes(2),
                () -> Outage.ended() || (failovers(job) > 0 && Outage.end()));
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);

        List<Long> archived =
                ParquetArchive.reader(archive).readAll().stream()
                        .map(r -> r.eventTime() - T0)
                        .sorted()
                        .toList();
        List<String> leftBehind;
        try (var files = Files.walk(archive)) {
            leftBehind =
                    files.filter(OrphanedPartFiles::isInProgress)
                            .map(p -> archive.relativize(p).toString())
                            .toList();
        }
        List<Long> missing =
                LongStream.range(0, ROWS).filter(i -> !archived.contains(i)).boxed().toList();
        assertThat(missing)
                .as(
                        "rows missing from the archive (files never committed: %s; failovers: %d)",
                        leftBehind, failovers(job))
                .isEmpty();
        assertThat(archived)
                .as("every row archived exactly once")
                .containsExactlyElementsOf(LongStream.range(0, ROWS).boxed().toList());
        assertThat(failovers(job)).as("the failed commit failed the job over").isPositive();
    }

    /**
     * Enough fixed-delay restarts to outlast the outage: each failed commit is one, until this test
     * has seen the first failover in the job's exception history (which the REST API may report a
     * few seconds late on a loaded machine) and put the directory back.
     */
    private static Configuration restarts() {
        Configuration config = FlinkMiniCluster.configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return config;
    }

    /** How many failures the job went through (Flink's exception history). */
    private static int failovers(JobClient job) {
        Configuration client = FLINK.getClientConfiguration();
        URI uri =
                URI.create(
                        "http://"
                                + client.get(RestOptions.ADDRESS)
                                + ":"
                                + client.get(RestOptions.PORT)
                                + "/jobs/"
                                + job.getJobID()
                                + "/exceptions");
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(10))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            JsonNode entries = JSON.readTree(response.body()).path("exceptionHistory");
            return entries.path("entries").size();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The outage's state; the MiniCluster runs in the test's JVM. */
    static final class Outage {
        private static Path archive;
        private static int closedFiles;
        private static boolean started;
        private static boolean committedSince;
        private static boolean ended;

        static synchronized void reset(Path path) {
            archive = path;
            closedFiles = 0;
            started = false;
            committedSince = false;
            ended = false;
        }

        static synchronized boolean started() {
            return started;
        }

        static synchronized boolean ended() {
            return ended;
        }

        /** A part file was closed: the {@link #FAULT_AT}th moves the directory aside. */
        static synchronized void partFileClosed() {
            if (++closedFiles != FAULT_AT || started) {
                return;
            }
            try {
                Files.move(archive, aside());
                Files.writeString(archive, "moved aside by ArchiveCommitOutageTest\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started = true;
        }

        static synchronized void checkpointCompleted() {
            committedSince = started;
        }

        static synchronized void rowSeen() {
            if (committedSince) {
                end();
            }
        }

        /** Puts the directory back; returns true once it is back. */
        static synchronized boolean end() {
            if (started && !ended) {
                try {
                    Files.delete(archive);
                    Files.move(aside(), archive);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ended = true;
            }
            return ended;
        }

        private static Path aside() {
            return archive.resolveSibling("archive.aside");
        }
    }

    /** Ends the outage at the first row after a checkpoint completed since it began. */
    static final class EndOutageAfterCommit extends RichMapFunction<ArchiveRecord, ArchiveRecord>
            implements CheckpointListener {
        @Override
        public ArchiveRecord map(ArchiveRecord row) {
            Outage.rowSeen();
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Outage.checkpointCompleted();
        }
    }

    /** The archive's Parquet writers, telling {@link Outage} each time one closes its file. */
    static final class VanishingArchive implements BulkWriter.Factory<ArchiveRecord> {
        private static final long serialVersionUID = 1L;
        private final ParquetRowWriterFactory<ArchiveRecord> parquet =
                new ParquetRowWriterFactory<>(new ArchiveRecordCodec());

        @Override
        public BulkWriter<ArchiveRecord> create(FSDataOutputStream out) throws IOException {
            BulkWriter<ArchiveRecord> writer = parquet.create(out);
            return new BulkWriter<>() {
                @Override
                public void addElement(ArchiveRecord row) throws IOException {
                    writer.addElement(row);
                }

                @Override
                public void flush() throws IOException {
                    writer.flush();
                }

                @Override
                public void finish() throws IOException {
                    writer.finish();
                    Outage.partFileClosed();
                }
            };
        }
    }
}
