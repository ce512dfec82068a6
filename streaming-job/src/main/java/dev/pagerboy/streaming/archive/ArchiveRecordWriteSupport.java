package dev.pagerboy.streaming.archive;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes an {@link ArchiveRecord} straight into Parquet's columns, without building an Avro {@code
 * GenericRecord} per row and without parquet-avro walking the Avro schema for every field.
 *
 * <p>The files are the ones parquet-avro writes for the current schema: the Parquet schema is
 * converted once per JVM from {@code archive-record-v2.avsc} by parquet-avro's own converter, and
 * the footer carries the Avro schema under parquet-avro's key, so {@link ArchiveReader}, the
 * compactor's parquet-avro reader and DuckDB read them exactly as before ({@code
 * ArchiveRecordWriteSupportTest} checks both against the Avro path).
 */
final class ArchiveRecordWriteSupport extends WriteSupport<ArchiveRecord> {

    /** The footer key parquet-avro reads the Avro schema from ({@code AvroWriteSupport}). */
    static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

    private static final Schema AVRO = ArchiveRecordCodec.loadSchema();
    private static final MessageType PARQUET = new AvroSchemaConverter().convert(AVRO);
    private static final Map<String, String> FOOTER = Map.of(AVRO_SCHEMA_KEY, AVRO.toString());

    private RecordConsumer out;

    /** The Parquet schema of archive files (the current version). */
    static MessageType parquetSchema() {
        return PARQUET;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(PARQUET, FOOTER);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(PARQUET, FOOTER);
    }

    @Override
    public String getName() {
        return "pagerboy-archive";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    // Field indexes and names are those of archive-record-v2.avsc (ArchiveRecordWriteSupportTest
    // checks them against the converted schema).
    @Override
    public void write(ArchiveRecord row) {
        out.startMessage();
        integer(0, "schema_version", row.schemaVersion());
        text(1, "id", row.id());
        text(2, "kind", row.kind().text());
        int64(3, "event_time", row.eventTime());
        text(4, "key", row.key());
        text(5, "source_topic", row.sourceTopic());
        integer(6, "source_partition", row.sourcePartition());
        int64(7, "source_offset", row.sourceOffset());
        text(8, "outcome", row.outcome());
        text(9, "payload_json", row.payloadJson());
        out.startField("raw", 10);
        out.addBinary(Binary.fromConstantByteArray(row.raw()));
        out.endField("raw", 10);
        out.endMessage();
    }

    private void integer(int index, String name, int value) {
        out.startField(name, index);
        out.addInteger(value);
        out.endField(name, index);
    }

    private void int64(int index, String name, long value) {
        out.startField(name, index);
        out.addLong(value);
        out.endField(name, index);
    }

    private void text(int index, String name, String value) {
        out.startField(name, index);
        out.addBinary(Binary.fromString(value));
        out.endField(name, index);
    }
}
