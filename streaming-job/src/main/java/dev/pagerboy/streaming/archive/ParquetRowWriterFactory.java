package dev.pagerboy.streaming.archive;

import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;

/**
 * Writes rows of type {@code T} as Parquet through their {@link AvroRowCodec}: one explicit,
 * versioned Avro schema instead of reflection over Java records, so a renamed field in code cannot
 * silently change the archive's columns.
 */
public final class ParquetRowWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    private final AvroRowCodec<T> codec;

    public ParquetRowWriterFactory(AvroRowCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        BulkWriter<GenericRecord> parquet =
                AvroParquetWriters.forGenericRecord(codec.schema()).create(out);
        return new BulkWriter<>() {
            @Override
            public void addElement(T row) throws IOException {
                parquet.addElement(codec.toAvro(row));
            }

            @Override
            public void flush() throws IOException {
                parquet.flush();
            }

            @Override
            public void finish() throws IOException {
                parquet.finish();
            }
        };
    }
}
