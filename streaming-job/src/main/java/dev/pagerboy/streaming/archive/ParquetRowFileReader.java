package dev.pagerboy.streaming.archive;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads the rows of one Parquet part file through Flink's file system abstraction (local disk, S3,
 * HDFS alike). The file sink's compactor uses it to merge the small files of many checkpoints into
 * one.
 */
public final class ParquetRowFileReader<T> implements RecordWiseFileCompactor.Reader<T> {

    private final ParquetReader<GenericRecord> parquet;
    private final AvroRowCodec<T> codec;

    private ParquetRowFileReader(ParquetReader<GenericRecord> parquet, AvroRowCodec<T> codec) {
        this.parquet = parquet;
        this.codec = codec;
    }

    /** A factory the compactor can ship to the task managers. */
    public static <T> RecordWiseFileCompactor.Reader.Factory<T> factory(AvroRowCodec<T> codec) {
        return path -> open(path, codec);
    }

    public static <T> ParquetRowFileReader<T> open(Path path, AvroRowCodec<T> codec)
            throws IOException {
        FileSystem fs = path.getFileSystem();
        long length = fs.getFileStatus(path).getLen();
        ParquetInputFile file = new ParquetInputFile(fs.open(path), length);
        // Pitfall 5 in STACK.md: without the generic data model parquet-avro tries to load
        // generated classes named after the schema.
        ParquetReader<GenericRecord> parquet =
                AvroParquetReader.<GenericRecord>builder(file)
                        .withDataModel(GenericData.get())
                        .withConf(HadoopConf.copy())
                        .build();
        return new ParquetRowFileReader<>(parquet, codec);
    }

    /** The next row, or {@code null} at the end of the file. */
    @Override
    public T read() throws IOException {
        GenericRecord record = parquet.read();
        return record == null ? null : codec.fromAvro(record);
    }

    @Override
    public void close() throws IOException {
        parquet.close();
    }
}
