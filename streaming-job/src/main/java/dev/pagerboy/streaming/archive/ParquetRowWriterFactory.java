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
 * <p>Every writer gets a copy of one Hadoop {@link Configuration} that was loaded once per JVM
 * ({@link HadoopConf}). Without it each new part file (one per event-hour bucket per checkpoint)
 * builds a fresh {@code Configuration} and parses Hadoop's XML defaults again, which the pipeline
 * profile showed as a sixth of the archive writer's time (docs/BENCHMARKS.md, "Where the time
 * goes").
 *
 * <p>Parquet keeps a row group in the heap until it is full, and by default measures it only every
 * 100 rows against 128 MB. The archive keeps every byte of every input, hostile ones included, so a
 * hundred 3 MB records between two checkpoints held 300 MB per open part file and the TaskManager
 * died of {@code OutOfMemoryError} (chaos R4, finding 6). Row groups here are {@value
 * #ROW_GROUP_BYTES} bytes and measured after every row until Parquet's own estimate spaces the
 * checks out (it does so at once for the usual rows of a few hundred bytes): an open part file
 * holds at most one row group plus one row.
 *
 * <p>Every open part file also costs what its writer allocates up front, above all a compression
 * buffer of one page. With Parquet's 1 MB pages, a bounded run over a few days of history opens one
 * part file per event hour per subtask before its first checkpoint (about 170 for R3's input) and
 * spent over half the TaskManager's heap on empty buffers (chaos R3, finding 7: the TaskManager
 * died of {@code OutOfMemoryError} in {@code ParquetWriter.<init>}). Pages here are {@value
 * #PAGE_BYTES} bytes.
 */
public final class ParquetRowWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    /** zstd's level for archive pages; 3 is zstd's own default. */
    static final int ZSTD_LEVEL = 3;

    /** The most a part file buffers in the heap before it writes a row group out. */
    static final int ROW_GROUP_BYTES = 16 << 20;

    /** Page size, and so the compression buffer every open part file allocates at once. */
    static final int PAGE_BYTES = 64 << 10;

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
                    Configuration conf = HadoopConf.copy();
                    conf.setInt(ZSTD_LEVEL_KEY, level);
                    RowWriterBuilder<T> parquet =
                            new RowWriterBuilder<>(file, rows.writeSupport())
                                    .withCompressionCodec(pages)
                                    .withRowGroupSize(ROW_GROUP_BYTES)
                                    .withPageSize(PAGE_BYTES)
                                    .withMinRowCountForPageSizeCheck(1)
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
}
