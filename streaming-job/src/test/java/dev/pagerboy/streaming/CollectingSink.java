package dev.pagerboy.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink for MiniCluster tests that keeps what it receives in memory of the test JVM (the
 * MiniCluster runs in the same JVM), one bucket per sink instance, across all parallel writers.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> BUCKETS = new ConcurrentHashMap<>();

    private final String bucket = UUID.randomUUID().toString();

    public CollectingSink() {
        BUCKETS.put(bucket, java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** Everything written so far, in no particular order across writers. */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        List<Object> values = BUCKETS.get(bucket);
        synchronized (values) {
            return (List<T>) new ArrayList<>(values);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = BUCKETS.get(bucket);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
