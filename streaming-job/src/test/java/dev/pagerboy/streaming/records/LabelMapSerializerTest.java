package dev.pagerboy.streaming.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.functions.GroupFunction;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link LabelMapSerializer} against Flink's own serializer contract ({@link SerializerTestBase}:
 * round trips, copies, snapshots, duplicates), plus what the job relies on: the records' label maps
 * use it, its snapshot accepts {@code MapSerializer} state by migration, and the bytes of a map
 * written with {@code MapSerializer} read back equal after that migration.
 */
class LabelMapSerializerTest extends SerializerTestBase<Map<String, String>> {

    @Override
    protected TypeSerializer<Map<String, String>> createSerializer() {
        return LabelMapSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Class<Map<String, String>> getTypeClass() {
        return (Class) Map.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, String>[] getTestData() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("a", null);
        return new Map[] {
            new HashMap<>(),
            new HashMap<>(Map.of("alertname", "HostDown", "instance", "db-1", "team", "dbre")),
            new HashMap<>(Map.of("note", "\u00e9 \uFB01 \uD83D\uDE00 \uFFFD", "", "empty name")),
            new HashMap<>(Map.of("long", "x".repeat(70_000))),
            withNull
        };
    }

    @Test
    void recordLabelMapsUseIt() {
        for (Class<?> record :
                new Class<?>[] {
                    Alert.class,
                    NotifiedAlert.class,
                    InhibitionSource.class,
                    HandlerDecision.class,
                    Notification.class,
                    GroupFunction.Group.class
                }) {
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) TypeInformation.of(record);
            int maps = 0;
            for (int i = 0; i < pojo.getArity(); i++) {
                TypeInformation<?> field = pojo.getTypeAt(i);
                assertThat(field.getTypeClass() == Map.class ? field : LabelMapTypeInfo.INSTANCE)
                        .as(
                                record.getSimpleName()
                                        + "."
                                        + pojo.getPojoFieldAt(i).getField().getName())
                        .isEqualTo(LabelMapTypeInfo.INSTANCE);
                maps += field instanceof LabelMapTypeInfo ? 1 : 0;
            }
            assertThat(maps).as(record.getSimpleName() + " has a label map").isPositive();
        }
    }

    @Test
    void stateWrittenByFlinksMapSerializerIsMigrated() throws Exception {
        MapSerializer<String, String> old =
                (MapSerializer<String, String>)
                        Types.MAP(Types.STRING, Types.STRING)
                                .createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<Map<String, String>> oldSnapshot = old.snapshotConfiguration();
        TypeSerializerSchemaCompatibility<Map<String, String>> compatibility =
                LabelMapSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(oldSnapshot);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(
                        LabelMapSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(
                                        LabelMapSerializer.INSTANCE.snapshotConfiguration())
                                .isCompatibleAsIs())
                .isTrue();

        // what the backend does on migration: read with the old serializer, write with the new
        Map<String, String> labels = Map.of("alertname", "HostDown", "note", "\u00e9\uD83D\uDE00");
        DataOutputSerializer written = new DataOutputSerializer(64);
        old.serialize(labels, written);
        Map<String, String> restored =
                oldSnapshot
                        .restoreSerializer()
                        .deserialize(new DataInputDeserializer(written.getCopyOfBuffer()));
        DataOutputSerializer migrated = new DataOutputSerializer(64);
        LabelMapSerializer.INSTANCE.serialize(restored, migrated);
        assertThat(
                        LabelMapSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(migrated.getCopyOfBuffer())))
                .isEqualTo(labels);
    }
}
