package dev.pagerboy.streaming.records;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a record's label or annotation map, so that Flink serializes it with {@link
 * LabelMapSerializer} instead of its generic map serializer. A record component declares it with
 * {@code @TypeInfo(LabelMapTypeInfo.Factory.class) Map<String, String> labels}; the record stays a
 * POJO (checked by {@code DerivedRecordSerializationTest}).
 */
public final class LabelMapTypeInfo extends TypeInformation<Map<String, String>> {

    private static final long serialVersionUID = 1L;

    public static final LabelMapTypeInfo INSTANCE = new LabelMapTypeInfo();

    /** What {@code @TypeInfo} names on a record component. */
    public static final class Factory extends TypeInfoFactory<Map<String, String>> {
        @Override
        public TypeInformation<Map<String, String>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, String>> getTypeClass() {
        return (Class) Map.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Map<String, String>> createSerializer(SerializerConfig config) {
        return LabelMapSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "LabelMap<String, String>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMapTypeInfo;
    }

    @Override
    public int hashCode() {
        return LabelMapTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof LabelMapTypeInfo;
    }
}
