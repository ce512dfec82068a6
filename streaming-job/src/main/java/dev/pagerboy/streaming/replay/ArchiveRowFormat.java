package dev.pagerboy.streaming.replay;

import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.HadoopConf;
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The Parquet format of the replay's {@code FileSource}: archive rows as Avro generic records, one
 * reader per file, through Flink's file system abstraction.
 *
 * <p>Not Flink's own {@code AvroParquetReaders}: that format builds a Hadoop {@code
 * HdfsConfiguration}, which the job's minimal Hadoop dependency set (STACK.md) does not have. This
 * one opens the file as the archive's compactor does ({@code ParquetRowFileReader}), without any
 * Hadoop configuration.
 */
final class ArchiveRowFormat implements StreamFormat<GenericRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public Reader<GenericRecord> createReader(
            Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        // Pitfall 5 in STACK.md: the generic data model, not classes named after the schema.
        ParquetReader<GenericRecord> parquet =
                AvroParquetReader.<GenericRecord>builder(new ParquetInputFile(stream, fileLen))
                        .withDataModel(GenericData.get())
                        .withConf(HadoopConf.copy())
                        .build();
        return new Reader<>() {
            @Override
            public GenericRecord read() throws IOException {
                return parquet.read();
            }

            @Override
            public void close() throws IOException {
                parquet.close();
            }
        };
    }

    /** A replay takes no checkpoints: a failed replay runs again from the start. */
    @Override
    public Reader<GenericRecord> restoreReader(
            Configuration config,
            FSDataInputStream stream,
            long restoredOffset,
            long fileLen,
            long splitEnd) {
        throw new UnsupportedOperationException("a replay is not restored from a checkpoint");
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<GenericRecord> getProducedType() {
        return new GenericRecordAvroTypeInfo(ArchiveRecordCodec.loadSchema());
    }
}
