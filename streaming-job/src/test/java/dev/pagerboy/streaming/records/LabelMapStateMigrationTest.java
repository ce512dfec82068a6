package dev.pagerboy.streaming.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Keyed state written before {@link LabelMapSerializer} (an {@link Alert} whose label maps went
 * through Flink's {@code MapSerializer}, as in every checkpoint of earlier builds) restores into
 * the current job: the heap backend migrates it on restore, and the alert reads back equal.
 */
class LabelMapStateMigrationTest {

    private static final Alert STORED =
            new Alert(
                    "3b1f5ae4b31a6a1c",
                    Alert.FIRING,
                    new TreeMap<>(Map.of("alertname", "HostDown", "instance", "db-1\u00e9")),
                    new TreeMap<>(Map.of("summary", "down \uD83D\uDE00")),
                    1_767_225_600_000L,
                    0L,
                    1_767_225_600_000L,
                    "alertmanager",
                    "event-1",
                    "alerts/0/7");

    /** Keeps the last alert of its key; on each alert, emits the one it kept before. */
    static final class LastAlert extends KeyedProcessFunction<String, Alert, Alert> {
        private final transient ValueStateDescriptor<Alert> descriptor;
        private transient ValueState<Alert> last;

        LastAlert(ValueStateDescriptor<Alert> descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public void open(OpenContext openContext) {
            last = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Alert alert, Context ctx, Collector<Alert> out)
                throws Exception {
            if (last.value() != null) {
                out.collect(last.value());
            }
            last.update(alert);
        }
    }

    @Test
    void alertStateWrittenWithFlinksMapSerializerRestoresEqual() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(new ValueStateDescriptor<>("last", alertSerializerBefore()))) {
            before.open();
            before.processElement(STORED, STORED.eventTime());
            snapshot = before.snapshot(1L, 1L);
        }
        try (var after = harness(new ValueStateDescriptor<>("last", Alert.class))) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(STORED, STORED.eventTime() + 1);
            assertThat(after.extractOutputValues()).containsExactly(STORED);
            // and what the current serializer wrote survives another snapshot and restore
            OperatorSubtaskState again = after.snapshot(2L, 2L);
            try (var restored = harness(new ValueStateDescriptor<>("last", Alert.class))) {
                restored.initializeState(again);
                restored.open();
                restored.processElement(STORED, STORED.eventTime() + 2);
                assertThat(restored.extractOutputValues()).containsExactly(STORED);
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(
            ValueStateDescriptor<Alert> descriptor) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LastAlert(descriptor)),
                Alert::fingerprint,
                Types.STRING);
    }

    /** Alert's POJO serializer as it was: Flink's map serializer for every label map. */
    private static TypeSerializer<Alert> alertSerializerBefore() {
        PojoTypeInfo<Alert> pojo = (PojoTypeInfo<Alert>) TypeInformation.of(Alert.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[pojo.getArity()];
        Field[] fields = new Field[pojo.getArity()];
        for (int i = 0; i < pojo.getArity(); i++) {
            fields[i] = pojo.getPojoFieldAt(i).getField();
            TypeInformation<?> type = pojo.getTypeAt(i);
            serializers[i] =
                    type instanceof LabelMapTypeInfo
                            ? Types.MAP(Types.STRING, Types.STRING).createSerializer(config)
                            : type.createSerializer(config);
        }
        return new PojoSerializer<>(Alert.class, serializers, fields, config);
    }
}
