package dev.pagerboy.streaming.records;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.DedupFunction;
import dev.pagerboy.streaming.functions.GroupFunction;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * The derived records travel between operators and sit in keyed state; like the input records they
 * must use Flink's POJO serializer and never fall back to Kryo.
 */
class DerivedRecordSerializationTest {

    @Test
    void derivedRecordsAndArchiveRowsSerializeAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DedupOutcome.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(HandlerDecision.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(HandledAlert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RoutedAlert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(NotifiedAlert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(GroupFlush.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Notification.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ArchiveRecord.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(InhibitionSource.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(GroupControl.class);
    }

    @Test
    void stateRecordsOfTheFunctionsSerializeAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DedupFunction.Episode.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(GroupFunction.Group.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(GroupFunction.Member.class);
    }
}
