package dev.pagerboy.streaming.archive;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The generic way a row reaches Parquet: {@link AvroRowCodec#toAvro} builds a {@code
 * GenericRecord}, and parquet-avro writes it. Any codec works this way; a codec whose rows are hot
 * can write its columns directly instead (see {@link ArchiveRecordWriteSupport}).
 */
final class AvroRowWriteSupport<T> extends WriteSupport<T> {

    private final AvroRowCodec<T> codec;
    private final AvroWriteSupport<GenericRecord> avro;

    AvroRowWriteSupport(AvroRowCodec<T> codec) {
        this.codec = codec;
        this.avro =
                new AvroWriteSupport<>(
                        new AvroSchemaConverter().convert(codec.schema()),
                        codec.schema(),
                        GenericData.get());
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return avro.init(configuration);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return avro.init(configuration);
    }

    @Override
    public String getName() {
        return avro.getName();
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        avro.prepareForWrite(recordConsumer);
    }

    @Override
    public void write(T row) {
        avro.write(codec.toAvro(row));
    }
}
