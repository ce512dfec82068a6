package dev.pagerboy.streaming.archive;

import java.io.Serializable;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.api.WriteSupport;

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

    /**
     * How rows are written into a Parquet file (a new instance per file). By default through {@link
     * #toAvro} and parquet-avro; a codec may write its columns directly, as long as the files stay
     * what parquet-avro would write for {@link #schema}.
     */
    default WriteSupport<T> writeSupport() {
        return new AvroRowWriteSupport<>(this);
    }

    /**
     * Columns whose values rarely repeat within a file (ids, payloads, raw bytes). They are written
     * without a dictionary: parquet-mr would otherwise hash every value into a dictionary until the
     * dictionary page overflows, then fall back to plain encoding anyway.
     */
    default Set<String> uniqueColumns() {
        return Set.of();
    }

    /** Event time of the row in epoch milliseconds: the partition it belongs to. */
    long eventTime(T row);
}
