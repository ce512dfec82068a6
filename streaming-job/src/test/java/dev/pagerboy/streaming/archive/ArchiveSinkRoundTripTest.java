package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.Tick;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes rows through the real Parquet FileSink on a MiniCluster (parallelism 2, compaction on) and
 * reads them back with parquet-avro ({@link ArchiveReader}) and with DuckDB.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ArchiveSinkRoundTripTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long T0 = Instant.parse("2026-11-28T22:59:58Z").toEpochMilli();

    @TempDir Path archive;

    private static final int ROWS = 600;

    /** 22:59:58 .. 23:00:03.9 UTC on Nov 28, then ten rows after midnight. */
    static ArchiveRecord row(long i) {
        long t = i < 590 ? T0 + i * 10L : T0 + Duration.ofHours(2).toMillis() + i;
        return ArchiveRecord.tick(new Tick(t));
    }

    @Test
    void everyRowComesBackOnceInTheHourOfItsEventTimeInFewFiles() throws Exception {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (long i = 0; i < ROWS; i++) {
            rows.add(row(i));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(50, CheckpointingMode.EXACTLY_ONCE);
        // 20 rows per subtask per checkpoint: each subtask's 300 rows span 15 checkpoints, so
        // without compaction there would be at least 2 x 15 part files.
        DataGeneratorSource<ArchiveRecord> source =
                new DataGeneratorSource<>(
                        ArchiveSinkRoundTripTest::row,
                        ROWS,
                        RateLimiterStrategy.perCheckpoint(20),
                        TypeInformation.of(ArchiveRecord.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows")
                .sinkTo(
                        ParquetArchive.sink(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(5)))
                .uid("archive");
        env.execute("archive round trip");

        ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(archive);
        assertThat(reader.readAll()).containsExactlyInAnyOrderElementsOf(rows);
        // Without compaction every subtask rolls a file per checkpoint: at least 2 x 15 files
        // (65 measured, as rows of two hours are open at once). Compacting every 5 checkpoints
        // gave 10-15 files on the 2-core CI machine, depending on how checkpoints fell.
        assertThat(reader.committedFiles()).hasSizeBetween(3, 29);
        for (Path file : reader.committedFiles()) {
            String bucket = archive.relativize(file).getParent().toString();
            assertThat(reader.readFile(file))
                    .allSatisfy(
                            r ->
                                    assertThat(EventHourBucketAssigner.bucketFor(r.eventTime()))
                                            .isEqualTo(bucket));
        }

        assertThat(countPerBucketWithDuckDb())
                .containsExactlyEntriesOf(
                        new TreeMap<>(
                                Map.of(
                                        "2026-11-28/22", 200L,
                                        "2026-11-28/23", 390L,
                                        "2026-11-29/00", 10L)));
    }

    private Map<String, Long> countPerBucketWithDuckDb() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT date, hour, count(*) FROM read_parquet('"
                                        + archive
                                        + "/**/*.parquet', hive_partitioning = true)"
                                        + " GROUP BY ALL ORDER BY ALL")) {
            while (rs.next()) {
                counts.put(
                        rs.getString(1) + "/" + String.format("%02d", rs.getInt(2)), rs.getLong(3));
            }
        }
        return counts;
    }
}
