package dev.pagerboy.streaming.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.MapSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Label and annotation maps in keyed state and on the wire: each string once, as its UTF-8 bytes
 * behind a length. Flink's {@code MapSerializer} of two {@code StringSerializer}s writes every
 * character through {@code StringValue}, one virtual call per byte; a heap snapshot writes every
 * state entry each checkpoint, so that was the largest single cost of the job (docs/BENCHMARKS.md).
 * {@code String.getBytes(UTF_8)} and {@code new String(bytes, UTF_8)} copy ASCII labels in bulk.
 *
 * <p>Format: the entry count (an int), then per entry the name and the value, each an int length
 * (-1 for a null value) and that many UTF-8 bytes. Maps are read back as {@link HashMap}s filled in
 * the written order, as {@code MapSerializer} does, so iteration order (which nothing may rely on)
 * is what it was. State written by {@code MapSerializer} is migrated on restore: {@link Snapshot}
 * declares it compatible after migration.
 */
public final class LabelMapSerializer extends TypeSerializerSingleton<Map<String, String>> {

    private static final long serialVersionUID = 1L;

    public static final LabelMapSerializer INSTANCE = new LabelMapSerializer();

    private static final int NULL = -1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Map<String, String> createInstance() {
        return new HashMap<>();
    }

    @Override
    public Map<String, String> copy(Map<String, String> from) {
        Map<String, String> copy = new HashMap<>(); // as MapSerializer: same iteration order
        for (Map.Entry<String, String> e : from.entrySet()) {
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    @Override
    public Map<String, String> copy(Map<String, String> from, Map<String, String> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Map<String, String> map, DataOutputView target) throws IOException {
        target.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(e.getKey(), target);
            writeString(e.getValue(), target);
        }
    }

    @Override
    public Map<String, String> deserialize(DataInputView source) throws IOException {
        int size = source.readInt();
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(source), readString(source));
        }
        return map;
    }

    @Override
    public Map<String, String> deserialize(Map<String, String> reuse, DataInputView source)
            throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int size = source.readInt();
        target.writeInt(size);
        for (int i = 0; i < 2 * size; i++) {
            int length = source.readInt();
            target.writeInt(length);
            if (length > 0) {
                target.write(source, length);
            }
        }
    }

    @Override
    public TypeSerializerSnapshot<Map<String, String>> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeString(String s, DataOutputView target) throws IOException {
        if (s == null) {
            target.writeInt(NULL);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        target.writeInt(utf8.length);
        target.write(utf8);
    }

    private static String readString(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length == NULL) {
            return null;
        }
        byte[] utf8 = new byte[length];
        source.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Version 1 of the format above. Accepts state written by Flink's {@code MapSerializer} (every
     * checkpoint before this serializer) by migrating it: the backend reads it with the old
     * serializer and writes it with this one.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<Map<String, String>> {

        private static final int VERSION = 1;

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {}

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            if (readVersion != VERSION) {
                throw new IOException(
                        "label map serializer snapshot version "
                                + readVersion
                                + " is unknown (expected "
                                + VERSION
                                + ")");
            }
        }

        @Override
        public TypeSerializer<Map<String, String>> restoreSerializer() {
            return INSTANCE;
        }

        @Override
        public TypeSerializerSchemaCompatibility<Map<String, String>> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Map<String, String>> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (oldSnapshot instanceof MapSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
