package dev.pagerboy.streaming.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * The input records cross Flink operator boundaries and live in state, so each must be handled by
 * Flink's POJO serializer (fast, schema-evolvable) and never silently fall back to Kryo.
 */
class RecordSerializationTest {

    @Test
    void inputRecordsSerializeAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RawInput.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LabelMatcher.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Silence.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Tick.class);
    }

    @Test
    void alertRoundTripsThroughItsFlinkSerializer() throws IOException {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("alertname", "HostDown");
        labels.put("instance", "db-1");
        Alert alert =
                new Alert(
                        "0123456789abcdef",
                        Alert.FIRING,
                        labels,
                        new TreeMap<>(java.util.Map.of("summary", "down")),
                        1_000L,
                        0L,
                        2_000L,
                        "native",
                        "e1",
                        "alerts/0/7");
        assertThat(roundTrip(Alert.class, alert)).isEqualTo(alert);
    }

    @Test
    void rawInputAndSilenceRoundTrip() throws IOException {
        RawInput raw =
                new RawInput("alerts", 1, 42L, 5L, null, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(roundTrip(RawInput.class, raw)).isEqualTo(raw);
        Silence silence =
                new Silence(
                        "s1",
                        List.of(new LabelMatcher("team", "=~", "db|infra")),
                        10L,
                        20L,
                        "alice",
                        "maintenance",
                        3L);
        assertThat(roundTrip(Silence.class, silence)).isEqualTo(silence);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer =
                TypeInformation.of(type)
                        .createSerializer(new ExecutionConfig().getSerializerConfig());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.serialize(value, new DataOutputViewStreamWrapper(bytes));
        return serializer.deserialize(
                new DataInputViewStreamWrapper(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
