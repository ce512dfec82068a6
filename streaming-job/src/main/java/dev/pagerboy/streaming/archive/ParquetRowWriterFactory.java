package dev.pagerboy.streaming.archive;

import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows of type {@code T} as Parquet through their {@link AvroRowCodec}: one explicit,
 * versioned Avro schema instead of reflection over Java records, so a renamed field in code cannot
 * silently change the archive's columns.
 *
 * <p>Pages are zstd-compressed (level {@value #ZSTD_LEVEL}) by default. Most of an archive's bytes
 * are the inputs' verbatim JSON ({@code raw}) and the rows' canonical JSON, which repeat label
 * names and values from row to row: on the bench's rows zstd stores them in about 40 % of what
 * Snappy needs for a little more CPU per row (docs/BENCHMARKS.md, "Archive compression"). Every
 * reader (parquet-avro with zstd-jni, which Kafka's clients bring, and DuckDB) reads both, so
 * archives written with Snappy before stay readable; a file records its codec per column chunk.
 *
 * <p>Rows reach the columns through the codec's {@link AvroRowCodec#writeSupport()} (for archive
 * rows: directly, no Avro record per row), and the codec's {@link AvroRowCodec#uniqueColumns()} are
 * written without a dictionary. Both are per-row costs that the archive write-path benchmark showed
 * to dominate (docs/BENCHMARKS.md, "Archive write path"); the files stay what parquet-avro writes.
 *
 * <p>Every writer gets a copy of one Hadoop {@link Configuration} that was loaded once per JVM.
 * Without it each new part file (one per event-hour bucket per checkpoint) builds a fresh {@code
 * Configuration} and parses Hadoop's XML defaults again, which the pipeline profile showed as a
 * sixth of the archive writer's time (docs/BENCHMARKS.md, "Where the time goes").
 */
public final class ParquetRowWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    /** zstd's level for archive pages; 3 is zstd's own default. */
    static final int ZSTD_LEVEL = 3;

    private final AvroRowCodec<T> codec;
    private final CompressionCodecName compression;
    private final int zstdLevel;

    /** Writes zstd-compressed pages, the archive's format. */
    public ParquetRowWriterFactory(AvroRowCodec<T> codec) {
        this(codec, CompressionCodecName.ZSTD, ZSTD_LEVEL);
    }

    /**
     * Writes pages compressed with {@code compression} ({@code zstdLevel} applies to zstd only):
     * for benchmarks that compare codecs.
     */
    public ParquetRowWriterFactory(
            AvroRowCodec<T> codec, CompressionCodecName compression, int zstdLevel) {
        this.codec = codec;
        this.compression = compression;
        this.zstdLevel = zstdLevel;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        AvroRowCodec<T> rows = codec;
        CompressionCodecName pages = compression;
        int level = zstdLevel;
        ParquetBuilder<T> builder =
                file -> {
                    Configuration conf = new Configuration(LoadedHadoopConf.INSTANCE);
                    conf.setInt(ZSTD_LEVEL_KEY, level);
                    RowWriterBuilder<T> parquet =
                            new RowWriterBuilder<>(file, rows.writeSupport())
                                    .withCompressionCodec(pages)
                                    .withConf(conf);
                    for (String column : rows.uniqueColumns()) {
                        parquet.withDictionaryEncoding(column, false);
                    }
                    return parquet.build();
                };
        return new ParquetWriterFactory<>(builder).create(out);
    }

    /** A {@code ParquetWriter} builder for any {@link WriteSupport}, writing to an output file. */
    private static final class RowWriterBuilder<T>
            extends ParquetWriter.Builder<T, RowWriterBuilder<T>> {
        private final WriteSupport<T> support;

        RowWriterBuilder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected RowWriterBuilder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /**
     * parquet-hadoop's key for zstd's level ({@code ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL}).
     */
    private static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";

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
