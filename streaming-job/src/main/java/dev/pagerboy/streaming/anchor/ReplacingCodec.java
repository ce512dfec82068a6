package dev.pagerboy.streaming.anchor;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.AvroRowCodec;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The archive's own codec, writing the footer entry that names the files a sealed hour's merged
 * file replaces ({@link SealedHourFiles#REPLACES_KEY}). Everything else, columns, encodings and the
 * parquet-avro schema key, is the archive's, so the merged file is what the job writes.
 */
final class ReplacingCodec implements AvroRowCodec<ArchiveRecord> {

    private static final long serialVersionUID = 1L;

    private final ArchiveRecordCodec archive = new ArchiveRecordCodec();
    private final String replaced;

    ReplacingCodec(String replaced) {
        this.replaced = replaced;
    }

    @Override
    public Schema schema() {
        return archive.schema();
    }

    @Override
    public GenericRecord toAvro(ArchiveRecord row) {
        return archive.toAvro(row);
    }

    @Override
    public ArchiveRecord fromAvro(GenericRecord record) {
        return archive.fromAvro(record);
    }

    @Override
    public Set<String> uniqueColumns() {
        return archive.uniqueColumns();
    }

    @Override
    public long eventTime(ArchiveRecord row) {
        return archive.eventTime(row);
    }

    @Override
    public WriteSupport<ArchiveRecord> writeSupport() {
        return new Noting(archive.writeSupport(), replaced);
    }

    /** The archive's write support with one more footer entry. */
    private static final class Noting extends WriteSupport<ArchiveRecord> {
        private final WriteSupport<ArchiveRecord> rows;
        private final String replaced;

        Noting(WriteSupport<ArchiveRecord> rows, String replaced) {
            this.rows = rows;
            this.replaced = replaced;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return noted(rows.init(configuration));
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return noted(rows.init(configuration));
        }

        private WriteContext noted(WriteContext context) {
            Map<String, String> footer = new HashMap<>(context.getExtraMetaData());
            footer.put(SealedHourFiles.REPLACES_KEY, replaced);
            return new WriteContext(context.getSchema(), footer);
        }

        @Override
        public String getName() {
            return rows.getName();
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            rows.prepareForWrite(recordConsumer);
        }

        @Override
        public void write(ArchiveRecord row) {
            rows.write(row);
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            return rows.finalizeWrite();
        }
    }
}
