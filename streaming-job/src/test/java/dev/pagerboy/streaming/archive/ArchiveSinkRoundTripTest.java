package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes rows through the real Parquet FileSink on a MiniCluster (parallelism 2, compaction on) and
 * reads them back with parquet-avro ({@link ArchiveReader}) and with DuckDB.
 */
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

    @Test
    void everyRowComesBackOnceInTheHourOfItsEventTime() throws Exception {
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // spans 22:59:58 .. 23:00:04 UTC on Nov 28 plus a few rows on the next day
            long t = i < 590 ? T0 + i * 10L : T0 + Duration.ofHours(2).toMillis() + i;
            rows.add(new SampleRow(t, "row-" + i));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        env.fromData(rows)
                .sinkTo(
                        ArchiveSinks.parquet(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(3),
                                new SampleRow.Codec()))
                .uid("archive");
        env.execute("archive round trip");

        ArchiveReader<SampleRow> reader = new ArchiveReader<>(archive, new SampleRow.Codec());
        assertThat(reader.readAll()).containsExactlyInAnyOrderElementsOf(rows);
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
