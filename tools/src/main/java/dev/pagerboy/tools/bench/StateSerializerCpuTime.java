package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.LabelMapTypeInfo;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.RoutedAlert;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What a heap snapshot does to each state entry, alone: serialize (and read back) the bench's
 * alerts as {@link Alert} (dedup's state) and {@link RoutedAlert} (group's pending state), with the
 * job's serializers and with the same POJO serializers built as before {@code LabelMapSerializer}
 * (Flink's map serializer for every label map), alternating in one JVM, in thread CPU time.
 *
 * <pre>
 * java -cp tools/target/classes:$(cat tools/target/classpath.txt) \
 *   dev.pagerboy.tools.bench.StateSerializerCpuTime [slices] [alerts]
 * </pre>
 */
public final class StateSerializerCpuTime {

    private StateSerializerCpuTime() {}

    public static void main(String[] args) throws IOException {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<Alert> alerts = alerts(count);
        List<RoutedAlert> routed = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            routed.add(
                    new RoutedAlert(
                            "root",
                            "{}:{alertname=\"" + a.labels().get("alertname") + "\"}",
                            new NotifiedAlert(
                                    a.fingerprint(),
                                    a.status(),
                                    "critical",
                                    "summary",
                                    "",
                                    a.labels(),
                                    a.startsAt(),
                                    a.endsAt()),
                            a.eventTime(),
                            a.sourceRef(),
                            a.eventId()));
        }
        measure("Alert", alerts, TypeInformation.of(Alert.class), slices);
        measure("RoutedAlert", routed, TypeInformation.of(RoutedAlert.class), slices);
    }

    private static <T> void measure(
            String name, List<T> records, TypeInformation<T> type, int slices) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        TypeSerializer<T> now = type.createSerializer(config);
        TypeSerializer<T> before = mapSerializerFields(type, config);
        long[][] nanos = new long[2][slices];
        long[][] writeNanos = new long[2][slices];
        long[] bytes = new long[2];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 3; warm++) {
            pass(before, records);
            pass(now, records);
        }
        for (int i = 0; i < slices; i++) {
            for (int s = 0; s < 2; s++) {
                long t0 = threads.getCurrentThreadCpuTime();
                bytes[s] = pass(s == 0 ? before : now, records);
                nanos[s][i] = threads.getCurrentThreadCpuTime() - t0;
                t0 = threads.getCurrentThreadCpuTime();
                write(s == 0 ? before : now, records);
                writeNanos[s][i] = threads.getCurrentThreadCpuTime() - t0;
            }
        }
        for (int s = 0; s < 2; s++) {
            Arrays.sort(nanos[s]);
            Arrays.sort(writeNanos[s]);
            System.out.printf(
                    "%s %s: %.0f CPU ns per record to write (what a snapshot does), %.0f to write"
                            + " and read back (a network edge), %.0f bytes per record%n",
                    name,
                    s == 0 ? "before (MapSerializer)" : "now (LabelMapSerializer)",
                    (double) writeNanos[s][slices / 2] / records.size(),
                    (double) nanos[s][slices / 2] / records.size(),
                    (double) bytes[s] / records.size());
        }
    }

    /** Serializes and reads back every record; returns the bytes written. */
    private static <T> long pass(TypeSerializer<T> serializer, List<T> records) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        DataInputDeserializer in = new DataInputDeserializer();
        long bytes = 0;
        for (T record : records) {
            out.clear();
            serializer.serialize(record, out);
            bytes += out.length();
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            if (serializer.deserialize(in) == null) {
                throw new IllegalStateException("read back nothing");
            }
        }
        return bytes;
    }

    /** Serializes every record, as a snapshot does. */
    private static <T> void write(TypeSerializer<T> serializer, List<T> records)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        for (T record : records) {
            if (out.length() > (1 << 20) - 8192) {
                out.clear();
            }
            serializer.serialize(record, out);
        }
    }

    /** The POJO serializer of {@code type} with Flink's map serializer for every label map. */
    @SuppressWarnings("unchecked")
    private static <T> TypeSerializer<T> mapSerializerFields(
            TypeInformation<T> type, SerializerConfigImpl config) {
        if (type instanceof LabelMapTypeInfo) {
            return (TypeSerializer<T>)
                    Types.MAP(Types.STRING, Types.STRING).createSerializer(config);
        }
        if (!(type instanceof PojoTypeInfo<T> pojo)) {
            return type.createSerializer(config);
        }
        TypeSerializer<?>[] fields = new TypeSerializer<?>[pojo.getArity()];
        Field[] reflected = new Field[pojo.getArity()];
        for (int i = 0; i < pojo.getArity(); i++) {
            reflected[i] = pojo.getPojoFieldAt(i).getField();
            fields[i] = mapSerializerFields(pojo.getTypeAt(i), config);
        }
        return new PojoSerializer<>(pojo.getTypeClass(), fields, reflected, config);
    }

    private static List<Alert> alerts(int count) {
        AlertStreamGenerator generator =
                new AlertStreamGenerator(GeneratorConfig.of(7, count, AlertFormat.ALERTMANAGER));
        AlertParser parser = new AlertParser();
        List<Alert> out = new ArrayList<>(count);
        long offset = 0;
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (Envelope.ALERTS.equals(e.topic())) {
                ParseResult r =
                        parser.parse(
                                new RawInput(
                                        "alerts", 0, offset++, e.ts(), e.keyBytes(), e.value()));
                if (!r.isDeadLetter()) {
                    out.addAll(r.alerts());
                }
            }
        }
        return out;
    }
}
