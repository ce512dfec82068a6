package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive writer's direct path ({@link ArchiveRecordWriteSupport}, no Avro record per row)
 * writes the files that parquet-avro wrote before: same Parquet schema, same Avro schema in the
 * footer, same rows read back; and the columns that never repeat carry no dictionary.
 */
class ArchiveRecordWriteSupportTest {

    private static final long T0 = 1_764_334_800_000L; // 2025-11-28T13:00:00Z

    @TempDir Path dir;

    private final ArchiveRecordCodec codec = new ArchiveRecordCodec();

    /** Rows of every shape: empty and non-empty raw, non-ASCII text, negative and large numbers. */
    private List<ArchiveRecord> rows() {
        List<ArchiveRecord> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(
                    ArchiveRecord.rawAlert(
                            new RawInput(
                                    "alerts",
                                    i % 3,
                                    1_000_000_000_000L + i,
                                    T0 + i * 1000L,
                                    i % 2 == 0 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8),
                                    ("{\"n\":" + i + ",\"t\":\"Störung ☎ " + i + "\"}")
                                            .getBytes(StandardCharsets.UTF_8))));
            Map<String, Object> payload = new TreeMap<>();
            payload.put("count", i);
            payload.put("summary", "disk full \"/var\" \u0001 ü " + i);
            rows.add(
                    ArchiveRecord.decision(
                            "decision:alerts/0/" + i,
                            ArchiveKind.DECISION,
                            T0 - i * 7L,
                            i % 5 == 0 ? "" : String.format("%016x", i * 0x9e3779b97f4aL),
                            i % 2 == 0 ? "new_firing" : "suppressed_repeat",
                            payload));
        }
        rows.add(ArchiveRecord.tick(new Tick(T0)));
        rows.add(
                ArchiveRecord.deadLetter(
                        DeadLetter.of(
                                new RawInput("alerts", 1, 9, T0, null, new byte[] {(byte) 0xff}),
                                "invalid JSON")));
        return rows;
    }

    @Test
    void writesTheFilesParquetAvroWrote() throws Exception {
        List<ArchiveRecord> rows = rows();
        Path direct = writeWithFactory("direct.parquet", codec, rows);
        Path avro = writeWithParquetAvro("avro.parquet", rows);

        FileMetaData directMeta = footer(direct).getFileMetaData();
        FileMetaData avroMeta = footer(avro).getFileMetaData();
        assertThat(directMeta.getSchema()).isEqualTo(avroMeta.getSchema());
        assertThat(directMeta.getKeyValueMetaData().get(ArchiveRecordWriteSupport.AVRO_SCHEMA_KEY))
                .isEqualTo(avroMeta.getKeyValueMetaData().get("parquet.avro.schema"));
        assertThat(
                        new Schema.Parser()
                                .parse(
                                        directMeta
                                                .getKeyValueMetaData()
                                                .get(ArchiveRecordWriteSupport.AVRO_SCHEMA_KEY)))
                .isEqualTo(ArchiveRecordCodec.loadSchema());

        ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(dir);
        assertThat(reader.readFile(direct)).containsExactlyElementsOf(rows);
        assertThat(reader.readFile(avro)).containsExactlyElementsOf(rows);
    }

    @Test
    void theGenericAvroPathWritesTheSameRows() throws Exception {
        List<ArchiveRecord> rows = rows();
        AvroRowCodec<ArchiveRecord> generic = new ViaAvro(codec);

        Path file = writeWithFactory("generic.parquet", generic, rows);

        assertThat(footer(file).getFileMetaData().getSchema())
                .isEqualTo(ArchiveRecordWriteSupport.parquetSchema());
        assertThat(ParquetArchive.reader(dir).readFile(file)).containsExactlyElementsOf(rows);
    }

    @Test
    void uniqueColumnsHaveNoDictionaryAndTheOthersKeepIt() throws Exception {
        Path file = writeWithFactory("direct.parquet", codec, rows());

        Set<String> dictionaryColumns = new java.util.TreeSet<>();
        for (ColumnChunkMetaData column : footer(file).getBlocks().get(0).getColumns()) {
            Set<Encoding> encodings = EnumSet.copyOf(column.getEncodings());
            if (encodings.contains(Encoding.PLAIN_DICTIONARY)
                    || encodings.contains(Encoding.RLE_DICTIONARY)) {
                dictionaryColumns.add(column.getPath().toDotString());
            }
        }
        assertThat(dictionaryColumns).doesNotContainAnyElementsOf(codec.uniqueColumns());
        assertThat(dictionaryColumns).contains("kind", "outcome", "source_topic", "key");
    }

    @Test
    void pagesAreZstdCompressedAndSnappyFilesStayReadable() throws Exception {
        List<ArchiveRecord> rows = rows();
        Path zstd = writeWithFactory("zstd.parquet", codec, rows);
        Path snappy = dir.resolve("snappy.parquet");
        FileSystem fs = FileSystem.getLocalFileSystem();
        try (FSDataOutputStream out =
                fs.create(
                        new org.apache.flink.core.fs.Path(snappy.toUri()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(codec, CompressionCodecName.SNAPPY, 3)
                            .create(out);
            for (ArchiveRecord r : rows) {
                writer.addElement(r);
            }
            writer.finish();
        }

        for (ColumnChunkMetaData column : footer(zstd).getBlocks().get(0).getColumns()) {
            assertThat(column.getCodec())
                    .as(column.getPath().toDotString())
                    .isEqualTo(CompressionCodecName.ZSTD);
        }
        assertThat(footer(snappy).getBlocks().get(0).getColumns().get(0).getCodec())
                .isEqualTo(CompressionCodecName.SNAPPY);
        ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(dir);
        assertThat(reader.readFile(zstd)).containsExactlyElementsOf(rows);
        assertThat(reader.readFile(snappy)).containsExactlyElementsOf(rows);
    }

    private Path writeWithFactory(
            String name, AvroRowCodec<ArchiveRecord> rowCodec, List<ArchiveRecord> rows)
            throws Exception {
        Path file = dir.resolve(name);
        FileSystem fs = FileSystem.getLocalFileSystem();
        try (FSDataOutputStream out =
                fs.create(
                        new org.apache.flink.core.fs.Path(file.toUri()),
                        FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer = new ParquetRowWriterFactory<>(rowCodec).create(out);
            for (ArchiveRecord r : rows) {
                writer.addElement(r);
            }
            writer.finish();
        }
        return file;
    }

    /** The archive writer as it was before the direct path: parquet-avro over GenericRecords. */
    private Path writeWithParquetAvro(String name, List<ArchiveRecord> rows) throws Exception {
        Path file = dir.resolve(name);
        try (ParquetWriter<GenericRecord> writer =
                AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                        .withSchema(codec.schema())
                        .withDataModel(GenericData.get())
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withConf(new Configuration())
                        .build()) {
            for (ArchiveRecord r : rows) {
                writer.write(codec.toAvro(r));
            }
        }
        return file;
    }

    private static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(Path file)
            throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter();
        }
    }

    /** The archive codec without its direct write support: rows go through toAvro. */
    private record ViaAvro(ArchiveRecordCodec codec) implements AvroRowCodec<ArchiveRecord> {
        @Override
        public Schema schema() {
            return codec.schema();
        }

        @Override
        public GenericRecord toAvro(ArchiveRecord row) {
            return codec.toAvro(row);
        }

        @Override
        public ArchiveRecord fromAvro(GenericRecord record) {
            return codec.fromAvro(record);
        }

        @Override
        public long eventTime(ArchiveRecord row) {
            return codec.eventTime(row);
        }
    }

    @Test
    void theDirectWriterNamesEveryColumnOfTheSchemaInOrder() {
        assertThat(ArchiveRecordWriteSupport.parquetSchema().getFields())
                .extracting(org.apache.parquet.schema.Type::getName)
                .containsExactly(
                        "schema_version",
                        "id",
                        "kind",
                        "event_time",
                        "key",
                        "source_topic",
                        "source_partition",
                        "source_offset",
                        "outcome",
                        "payload_json",
                        "raw");
    }
}
