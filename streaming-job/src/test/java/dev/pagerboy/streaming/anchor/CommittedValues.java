package dev.pagerboy.streaming.anchor;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A transactional collecting sink for MiniCluster tests: what a writer receives between two
 * checkpoints is staged under a fresh id, and becomes visible in {@link #values()} only when that
 * id is committed — once, however often Flink repeats the commit after a restore. So a test sees
 * what a {@code read_committed} consumer of a transactional Kafka sink would: duplicates in {@link
 * #values()} are real duplicates, not replays of an aborted attempt. The MiniCluster runs in the
 * test JVM, so staging lives in static maps.
 */
final class CommittedValues<T>
        implements Sink<T>, SupportsCommitter<String>, SupportsWriterState<T, String> {

    private static final Map<String, List<Object>> STAGED = new ConcurrentHashMap<>();
    private static final Map<String, List<Object>> COMMITTED = new ConcurrentHashMap<>();
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private final String bucket = UUID.randomUUID().toString();
    private final Faults faults;

    /** What a test may make the writer do: decline a checkpoint, fail at the end of its input. */
    interface Faults extends Serializable {
        Faults NONE = new Faults() {};

        /** Called before each snapshot; throwing declines the checkpoint. */
        default void beforeSnapshot(long checkpointId) throws IOException {}

        /** Called when the writer's input ends; throwing fails the task. */
        default void atEndOfInput() {}
    }

    CommittedValues() {
        this(Faults.NONE);
    }

    CommittedValues(Faults faults) {
        this.faults = faults;
        COMMITTED.put(bucket, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    @SuppressWarnings("unchecked")
    List<T> values() {
        List<Object> values = COMMITTED.get(bucket);
        synchronized (values) {
            return (List<T>) new ArrayList<>(values);
        }
    }

    @Override
    public StatefulSinkWriter<T, String> restoreWriter(
            WriterInitContext context, Collection<String> recovered) {
        return createWriter(context);
    }

    @Override
    public SimpleVersionedSerializer<String> getWriterStateSerializer() {
        return getCommittableSerializer();
    }

    /** Stateless, but stateful in type, so it can stand in for a {@code KafkaSink}. */
    interface Writer<T> extends CommittingSinkWriter<T, String>, StatefulSinkWriter<T, String> {}

    @Override
    public Writer<T> createWriter(WriterInitContext context) {
        return new Writer<T>() {
            private final List<Object> buffer = new ArrayList<>();

            @Override
            public void write(T element, Context ctx) {
                buffer.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    faults.atEndOfInput();
                }
            }

            @Override
            public Collection<String> prepareCommit() {
                if (buffer.isEmpty()) {
                    return List.of();
                }
                String id = UUID.randomUUID().toString();
                STAGED.put(id, new ArrayList<>(buffer));
                buffer.clear();
                return List.of(id);
            }

            @Override
            public List<String> snapshotState(long checkpointId) throws IOException {
                faults.beforeSnapshot(checkpointId);
                return List.of(); // nothing between prepareCommit and the snapshot
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Committer<String> createCommitter(CommitterInitContext context) {
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<String>> requests) {
                for (CommitRequest<String> request : requests) {
                    String id = request.getCommittable();
                    if (DONE.add(id)) {
                        COMMITTED.get(bucket).addAll(STAGED.remove(id));
                    }
                }
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SimpleVersionedSerializer<String> getCommittableSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(String id) {
                return id.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String deserialize(int version, byte[] bytes) throws IOException {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }
}
