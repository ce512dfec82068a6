package dev.pagerboy.datasets.kafka;

import dev.pagerboy.datasets.Envelope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a record source on its own thread and hands its records over in batches, already encoded, so
 * that generating and JSON-encoding overlap with the Kafka client's compression and sending on the
 * caller's thread. Order is preserved exactly; an exception in the source is rethrown to the
 * caller.
 */
final class Prefetcher implements Iterator<Prefetcher.Encoded>, AutoCloseable {
    private static final int BATCH = 1024;
    private static final List<Encoded> END = List.of();

    /** One record ready for a producer: the stream's topic, timestamp, key and value bytes. */
    record Encoded(String topic, long ts, byte[] key, byte[] value) {}

    private final BlockingQueue<List<Encoded>> batches = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private volatile RuntimeException failure;
    private List<Encoded> current = List.of();
    private int position;
    private boolean ended;

    Prefetcher(Iterator<Envelope> source) {
        thread = new Thread(() -> fill(source), "datasets-generator");
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(Iterator<Envelope> source) {
        try {
            List<Encoded> batch = new ArrayList<>(BATCH);
            while (source.hasNext()) {
                Envelope e = source.next();
                batch.add(new Encoded(e.topic(), e.ts(), e.keyBytes(), e.value()));
                if (batch.size() == BATCH) {
                    batches.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                batches.put(batch);
            }
        } catch (InterruptedException e) {
            return; // closed by the consumer
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            batches.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (!ended && position == current.size()) {
            try {
                current = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the generator", e);
            }
            position = 0;
            if (current == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
            }
        }
        return !ended;
    }

    @Override
    public Encoded next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(position++);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
