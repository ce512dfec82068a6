package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questions an auditor asks of the archive (issue 13), answered by DuckDB SQL over the Parquet
 * files the pipeline itself wrote: the inputs of {@link PipelineTest} through {@link Pipeline} with
 * the real archive sink, then read back with DuckDB's JDBC driver, as docs/ARCHIVE.md shows.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArchiveQueriesTest {

    @RegisterExtension static final MiniClusterExtension flink = FlinkMiniCluster.extension();

    private static final long T0 = 1_767_225_600_000L; // PipelineTest's T0
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60_000L;

    @TempDir static Path dir;

    private static List<Notification> notifications;
    private static Connection db;

    @BeforeAll
    static void runThePipelineIntoParquet() throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(FlinkMiniCluster.PARALLELISM);
        DataStream<RawInput> alerts =
                env.fromData(PipelineTest.alertsTopic(), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        DataStream<Tick> ticks =
                env.fromData(PipelineTest.ticks(), TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> silences =
                env.fromData(PipelineTest.silencesTopic(), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        CollectingSink<Notification> pages = new CollectingSink<>();
        Pipeline.define(
                env,
                PipelineConfig.of(PipelineTest.config()),
                new PipelineInputs(alerts, ticks, silences),
                new PipelineOutputs(
                        pages,
                        new CollectingSink<DeadLetter>(),
                        ParquetArchive.sink(
                                ArchiveLayout.at(dir.resolve("archive").toUri().toString())
                                        .compactingEvery(1))));
        env.execute("archive-queries");
        notifications = pages.values();
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            st.execute(
                    "CREATE VIEW archive AS SELECT * FROM read_parquet('"
                            + dir.resolve("archive")
                            + "/**/*.parquet', hive_partitioning = true)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** Which notification did the DbDown alert (record alerts/0/1) cause? */
    @Test
    void whichNotificationDidAnAlertCause() throws Exception {
        List<String> answer =
                query(
                        """
                        SELECT n.key, n.outcome, json_extract_string(n.payload_json, '$.status')
                        FROM archive d
                        JOIN archive n
                          ON n.kind = 'notification'
                         AND n.event_time >= d.event_time
                         AND list_contains(
                               json_extract_string(n.payload_json, '$.alerts[*].fingerprint'),
                               d.key)
                        WHERE d.kind = 'decision'
                          AND json_extract_string(d.payload_json, '$.sourceRef') = ?
                        ORDER BY n.event_time
                        LIMIT 1
                        """,
                        "alerts/0/1");

        Notification dbDown =
                notifications.stream()
                        .filter(n -> alertnames(n).contains("DbDown"))
                        .findFirst()
                        .orElseThrow();
        assertThat(answer).containsExactly(dbDown.idempotencyKey() + " oncall firing");
    }

    /**
     * Why was nobody paged for Noisy (alerts/1/1), Latency (alerts/1/2) and the HostDown repeat
     * (alerts/0/2), and the re-delivery of e1 (alerts/1/3)? A mute row naming the silence or the
     * inhibiting alert, or the dedup verdict of the alert's decision row.
     */
    @Test
    void whyWasAnAlertNotPaged() throws Exception {
        String why =
                """
                SELECT d.outcome,
                       coalesce(m.outcome, '-'),
                       coalesce(json_extract_string(m.payload_json, '$.silenceId'),
                                json_extract_string(m.payload_json, '$.inhibitedBy'), '-')
                FROM archive d
                LEFT JOIN archive m
                  ON m.kind = 'mute' AND m.key = d.key AND m.event_time >= d.event_time
                WHERE d.kind = 'decision'
                  AND json_extract_string(d.payload_json, '$.sourceRef') = ?
                """;
        String dbDown = query("SELECT key FROM archive WHERE id = ?", "decision:alerts/0/1").get(0);

        assertThat(query(why, "alerts/1/1")).containsExactly("new_firing silenced quiet");
        assertThat(query(why, "alerts/1/2")).containsExactly("new_firing inhibited " + dbDown);
        assertThat(query(why, "alerts/0/2")).containsExactly("suppressed_repeat - -");
        assertThat(query(why, "alerts/1/3")).containsExactly("duplicate_delivery - -");
    }

    /** What arrived between T0+10s and T0+1min? The input rows, with their Kafka coordinates. */
    @Test
    void whatInputsArrivedBetweenTwoTimes() throws Exception {
        List<String> answer =
                query(
                        """
                        SELECT kind, source_topic, source_partition, source_offset,
                               json_extract_string(decode(raw), '$.labels.alertname')
                        FROM archive
                        WHERE kind IN ('alert_raw', 'silence', 'tick')
                          AND epoch_ms(event_time) >= ?
                          AND epoch_ms(event_time) < ?
                        ORDER BY event_time, source_topic, source_partition, source_offset
                        """,
                        T0 + 10 * SECOND,
                        T0 + MINUTE);

        assertThat(answer)
                .containsExactly(
                        "alert_raw alerts 1 0 DiskFull", // at T0+10s
                        "alert_raw alerts 0 1 DbDown", // the three at T0+20s
                        "alert_raw alerts 1 1 Noisy",
                        "alert_raw alerts 1 2 Latency");
    }

    /** Each result row as its columns joined by spaces. */
    private static List<String> query(String sql, Object... params) throws Exception {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c == 1 ? "" : " ").append(rs.getString(c));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    private static List<String> alertnames(Notification n) {
        return n.alerts().stream().map(NotifiedAlert::labels).map(l -> l.get("alertname")).toList();
    }
}
