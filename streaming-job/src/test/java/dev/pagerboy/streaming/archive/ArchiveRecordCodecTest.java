package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of archive row survives a trip through one Parquet file, read back with parquet-avro
 * (as replay does) and with DuckDB (as an auditor would), with the documented column types.
 */
class ArchiveRecordCodecTest {

    private static final long T0 = Instant.parse("2026-11-28T13:05:00Z").toEpochMilli();

    @TempDir Path dir;

    private final RawInput alertRecord =
            new RawInput(
                    "alerts",
                    1,
                    41,
                    T0,
                    "fp".getBytes(StandardCharsets.UTF_8),
                    "{\"labels\":{\"alertname\":\"HostDown\"}}".getBytes(StandardCharsets.UTF_8));

    private final List<ArchiveRecord> rows =
            List.of(
                    ArchiveRecord.rawAlert(alertRecord),
                    ArchiveRecord.tick(new Tick(T0 + 1000)),
                    ArchiveRecord.deadLetter(
                            DeadLetter.of(
                                    new RawInput(
                                            "alerts",
                                            0,
                                            7,
                                            T0 + 2000,
                                            null,
                                            new byte[] {(byte) 0xff, 0, 1}),
                                    "invalid JSON at line 1 column 1")),
                    ArchiveRecord.decision(
                            "decision:alerts/1/41",
                            ArchiveKind.DECISION,
                            T0 + 3000,
                            "0123456789abcdef",
                            "suppressed_repeat",
                            Map.of("repeatCount", 2, "sourceRef", "alerts/1/41")),
                    ArchiveRecord.decision(
                            "mute:abc-1-1:0123456789abcdef",
                            ArchiveKind.MUTE,
                            T0 + 4000,
                            "0123456789abcdef",
                            "silenced",
                            Map.of("silenceId", "s-1")));

    @Test
    void everyKindOfRowReadsBackEqualWithParquetAvro() throws Exception {
        Path file = write(rows);

        assertThat(ParquetArchive.reader(dir).readFile(file)).containsExactlyElementsOf(rows);
    }

    @Test
    void duckDbSeesTheDocumentedColumnsAndTypes() throws Exception {
        write(rows);

        List<String> columns = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "DESCRIBE SELECT * FROM read_parquet('" + dir + "/*.parquet')")) {
                while (rs.next()) {
                    columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
                }
            }
            assertThat(columns)
                    .containsExactly(
                            "schema_version INTEGER",
                            "id VARCHAR",
                            "kind VARCHAR",
                            "event_time TIMESTAMP WITH TIME ZONE",
                            "key VARCHAR",
                            "source_topic VARCHAR",
                            "source_partition INTEGER",
                            "source_offset BIGINT",
                            "outcome VARCHAR",
                            "payload_json VARCHAR",
                            "raw BLOB");
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT outcome, octet_length(raw), epoch_ms(event_time)"
                                    + " FROM read_parquet('"
                                    + dir
                                    + "/*.parquet') WHERE kind = 'dead_letter'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("invalid JSON at line 1 column 1");
                assertThat(rs.getInt(2)).isEqualTo(3);
                assertThat(rs.getLong(3)).isEqualTo(T0 + 2000);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT DISTINCT compression FROM parquet_metadata('"
                                    + dir
                                    + "/part-0.parquet')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ZSTD");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void writesSchemaVersionTwo() {
        assertThat(rows).extracting(ArchiveRecord::schemaVersion).containsOnly(2);
        assertThat(new ArchiveRecordCodec().schema().getNamespace())
                .isEqualTo("dev.pagerboy.archive.v2");
    }

    /** A file as version 1 wrote it: its own Avro schema in the footer, its own row kinds. */
    @Test
    void readsAVersionOneFileWithItsPerStageRows() throws Exception {
        Schema v1;
        try (var in = getClass().getResourceAsStream("/archive/archive-record-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        List<ArchiveRecord> old =
                List.of(
                        new ArchiveRecord(
                                1,
                                "dedup:alerts/0/1",
                                ArchiveKind.DEDUP,
                                T0,
                                "fp",
                                "",
                                -1,
                                -1,
                                "new_firing",
                                "{}",
                                null),
                        new ArchiveRecord(
                                1,
                                "flush:k-1-1",
                                ArchiveKind.FLUSH,
                                T0,
                                "g",
                                "",
                                -1,
                                -1,
                                "unchanged",
                                "{}",
                                null));
        Path file = dir.resolve("v1.parquet");
        try (ParquetWriter<GenericRecord> writer =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withSchema(v1)
                        .withDataModel(GenericData.get())
                        .withConf(new Configuration())
                        .build()) {
            for (ArchiveRecord r : old) {
                GenericRecord g = new GenericData.Record(v1);
                GenericRecord current = new ArchiveRecordCodec().toAvro(r);
                for (Schema.Field f : v1.getFields()) {
                    g.put(f.name(), current.get(f.name()));
                }
                writer.write(g);
            }
        }

        assertThat(ParquetArchive.reader(dir).readFile(file)).containsExactlyElementsOf(old);
    }

    @Test
    void refusesAVersionTwoRowOfAKindOnlyVersionOneWrote() throws Exception {
        ArchiveRecord wrong =
                new ArchiveRecord(
                        2, "flush:k-1-1", ArchiveKind.FLUSH, 1, "", "", -1, -1, "", "{}", null);
        Path file = write(List.of(wrong));

        assertThatThrownBy(() -> ParquetArchive.reader(dir).readFile(file))
                .hasMessageContaining("flush:k-1-1")
                .hasMessageContaining("kind 'flush' does not exist in schema version 2");
    }

    @Test
    void refusesRowsOfAnotherSchemaVersion() throws Exception {
        ArchiveRecord future =
                new ArchiveRecord(3, "tick:1", ArchiveKind.TICK, 1, "", "", -1, -1, "", "{}", null);
        Path file = write(List.of(future));

        assertThatThrownBy(() -> ParquetArchive.reader(dir).readFile(file))
                .hasMessageContaining("schema version 3")
                .hasMessageContaining("understands 1 to 2");
    }

    private Path write(List<ArchiveRecord> records) throws Exception {
        Path file = dir.resolve("part-0.parquet");
        Files.deleteIfExists(file);
        FileSystem fs = FileSystem.getLocalFileSystem();
        try (FSDataOutputStream out =
                fs.create(
                        new org.apache.flink.core.fs.Path(file.toUri()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ArchiveRecordCodec()).create(out);
            for (ArchiveRecord r : records) {
                writer.addElement(r);
            }
            writer.finish();
        }
        return file;
    }
}
