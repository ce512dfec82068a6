package dev.pagerboy.streaming.archive;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows of type {@code T} as Parquet through their {@link AvroRowCodec}: one explicit,
 * versioned Avro schema instead of reflection over Java records, so a renamed field in code cannot
 * silently change the archive's columns. Pages are Snappy-compressed.
 *
 * <p>Every writer gets a copy of one Hadoop {@link Configuration} that was loaded once per JVM.
 * Without it each new part file (one per event-hour bucket per checkpoint) builds a fresh {@code
 * Configuration} and parses Hadoop's XML defaults again, which the pipeline profile showed as a
 * sixth of the archive writer's time (docs/BENCHMARKS.md, "Where the time goes").
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
                                .withConf(new Configuration(LoadedHadoopConf.INSTANCE))
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

    /** Hadoop's defaults, parsed once per JVM; copied per writer because writers may set keys. */
    private static final class LoadedHadoopConf {
        static final Configuration INSTANCE = load();

        private static Configuration load() {
            Configuration conf = new Configuration();
            conf.size(); // forces the XML resources to be parsed now, not in every copy
            return conf;
        }
    }
}
