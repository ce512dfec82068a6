package dev.pagerboy.streaming.archive;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A two-column row that exercises the archive machinery independently of ArchiveRecord. */
public record SampleRow(long eventTime, String name) {

    /** Its codec: the smallest complete {@link AvroRowCodec}. */
    public static final class Codec implements AvroRowCodec<SampleRow> {
        private static final long serialVersionUID = 1L;
        private transient Schema schema;

        @Override
        public Schema schema() {
            if (schema == null) {
                schema =
                        SchemaBuilder.record("SampleRow")
                                .namespace("dev.pagerboy.test")
                                .fields()
                                .requiredLong("event_time")
                                .requiredString("name")
                                .endRecord();
            }
            return schema;
        }

        @Override
        public GenericRecord toAvro(SampleRow row) {
            GenericRecord r = new GenericData.Record(schema());
            r.put("event_time", row.eventTime());
            r.put("name", row.name());
            return r;
        }

        @Override
        public SampleRow fromAvro(GenericRecord record) {
            return new SampleRow((Long) record.get("event_time"), record.get("name").toString());
        }

        @Override
        public long eventTime(SampleRow row) {
            return row.eventTime();
        }
    }
}
