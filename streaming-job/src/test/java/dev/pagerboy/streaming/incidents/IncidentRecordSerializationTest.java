package dev.pagerboy.streaming.incidents;

import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The incident stage's records travel between operators and sit in state: POJOs, never Kryo. */
class IncidentRecordSerializationTest {

    @Test
    void incidentRecordsSerializeAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AckClaim.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(IncidentSignal.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Incident.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(IncidentUpdate.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AcceptedAck.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(IncidentAlert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(FailedDelivery.class);
    }
}
