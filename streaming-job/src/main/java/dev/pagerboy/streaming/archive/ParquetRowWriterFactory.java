package dev.pagerboy.streaming.archive;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows of type {@code T} as Parquet through their {@link AvroRowCodec}: one explicit,
 * versioned Avro schema instead of reflection over Java records, so a renamed field in code cannot
 * silently change the archive's columns. Pages are Snappy-compressed.
 */
public final class ParquetRowWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    private final AvroRowCodec<T> codec;

    public ParquetRowWriterFactory(AvroRowCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        AvroRowCodec<T> rows = codec;
        // flink-parquet's AvroParquetWriters would write uncompressed files.
        ParquetBuilder<GenericRecord> builder =
                file ->
                        AvroParquetWriter.<GenericRecord>builder(file)
                                .withSchema(rows.schema())
                                .withDataModel(GenericData.get())
                                .withCompressionCodec(CompressionCodecName.SNAPPY)
                                .build();
        BulkWriter<GenericRecord> parquet = new ParquetWriterFactory<>(builder).create(out);
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
