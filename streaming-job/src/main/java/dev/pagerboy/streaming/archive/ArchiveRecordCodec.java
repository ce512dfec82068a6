package dev.pagerboy.streaming.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.api.WriteSupport;

/**
 * The Parquet form of {@link ArchiveRecord}, schema version 2: {@code
 * archive/archive-record-v2.avsc} on the classpath, described column by column in docs/ARCHIVE.md.
 * Version 2 has the columns of version 1 and other row kinds, so rows of both read back. Column
 * names are snake_case so that SQL over the archive (DuckDB, Spark, Trino) needs no quoting; {@code
 * event_time} carries the {@code timestamp-millis} logical type so those tools show it as a
 * timestamp.
 *
 * <p>A row written with a {@code schema_version} this codec does not know, or with a kind its
 * version never wrote, is refused when read, instead of being misread.
 */
public final class ArchiveRecordCodec implements AvroRowCodec<ArchiveRecord> {

    private static final long serialVersionUID = 1L;

    /** The schema resource for {@link ArchiveRecord#SCHEMA_VERSION}. */
    public static final String SCHEMA_RESOURCE = "/archive/archive-record-v2.avsc";

    /** The oldest schema version this codec reads; rows up to the current version are read. */
    public static final int OLDEST_READABLE_VERSION = 1;

    private static final Set<String> UNIQUE_COLUMNS =
            Set.of("id", "source_offset", "payload_json", "raw");

    private transient Schema schema;

    /** The parsed schema of the current version. */
    public static Schema loadSchema() {
        try (InputStream in = ArchiveRecordCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    @Override
    public Schema schema() {
        if (schema == null) {
            schema = loadSchema();
        }
        return schema;
    }

    @Override
    public GenericRecord toAvro(ArchiveRecord row) {
        GenericRecord r = new GenericData.Record(schema());
        r.put("schema_version", row.schemaVersion());
        r.put("id", row.id());
        r.put("kind", row.kind().text());
        r.put("event_time", row.eventTime());
        r.put("key", row.key());
        r.put("source_topic", row.sourceTopic());
        r.put("source_partition", row.sourcePartition());
        r.put("source_offset", row.sourceOffset());
        r.put("outcome", row.outcome());
        r.put("payload_json", row.payloadJson());
        r.put("raw", ByteBuffer.wrap(row.raw()));
        return r;
    }

    /** Writes the columns directly, no {@code GenericRecord} per row (same files). */
    @Override
    public WriteSupport<ArchiveRecord> writeSupport() {
        return new ArchiveRecordWriteSupport();
    }

    /**
     * Unique per row ({@code id}, {@code source_offset}) or nearly so ({@code payload_json}, {@code
     * raw}): dictionary-encoding them cost half of the writer's time for no smaller file
     * (docs/BENCHMARKS.md, "Archive write path").
     */
    @Override
    public Set<String> uniqueColumns() {
        return UNIQUE_COLUMNS;
    }

    @Override
    public ArchiveRecord fromAvro(GenericRecord r) {
        int version = (Integer) r.get("schema_version");
        if (version < OLDEST_READABLE_VERSION || version > ArchiveRecord.SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "archive row "
                            + r.get("id")
                            + " has schema version "
                            + version
                            + ", this reader understands "
                            + OLDEST_READABLE_VERSION
                            + " to "
                            + ArchiveRecord.SCHEMA_VERSION);
        }
        ArchiveKind kind = kind(r);
        if (!kind.writtenInVersion(version)) {
            throw new IllegalArgumentException(
                    "archive row "
                            + r.get("id")
                            + ": kind '"
                            + kind.text()
                            + "' does not exist in schema version "
                            + version);
        }
        return new ArchiveRecord(
                version,
                text(r, "id"),
                kind,
                (Long) r.get("event_time"),
                text(r, "key"),
                text(r, "source_topic"),
                (Integer) r.get("source_partition"),
                (Long) r.get("source_offset"),
                text(r, "outcome"),
                text(r, "payload_json"),
                bytes((ByteBuffer) r.get("raw")));
    }

    @Override
    public long eventTime(ArchiveRecord row) {
        return row.eventTime();
    }

    private static ArchiveKind kind(GenericRecord r) {
        try {
            return ArchiveKind.fromText(text(r, "kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "archive row " + r.get("id") + ": " + e.getMessage(), e);
        }
    }

    private static String text(GenericRecord r, String field) {
        return r.get(field).toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
