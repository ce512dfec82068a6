package dev.pagerboy.streaming.archive;

import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts one row type to and from its Avro form, and names the event time that decides the row's
 * partition. The archive writer, its compactor and {@link ArchiveReader} all go through one codec,
 * so the Parquet layout is defined in exactly one place per row type.
 */
public interface AvroRowCodec<T> extends Serializable {

    /** The Avro schema of the Parquet files (parsed once per codec instance). */
    Schema schema();

    GenericRecord toAvro(T row);

    T fromAvro(GenericRecord record);

    /** Event time of the row in epoch milliseconds: the partition it belongs to. */
    long eventTime(T row);
}
