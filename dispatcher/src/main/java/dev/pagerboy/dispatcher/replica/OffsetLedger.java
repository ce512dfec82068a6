package dev.pagerboy.dispatcher.replica;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the partitions a replica owns may be committed. Pages of a partition finish out
 * of order (receivers differ in speed, retries take long), but an offset may be committed only when
 * every page before it has a durable receipt; so per partition this keeps the offsets still in
 * flight, and the committable offset is the lowest of them (or one past the last polled record when
 * none is in flight): the contiguous finished prefix.
 *
 * <p>Thread-safe: the poll thread starts and commits, delivery threads finish. A {@link Track} that
 * was {@link #forget forgotten} (its partition revoked) ignores late finishes, so a page finished
 * after a rebalance never moves an offset the replica no longer owns.
 */
final class OffsetLedger {

    private final Map<TopicPartition, Track> tracks = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** The track of {@code partition}, created when its first record of this ownership arrives. */
    synchronized Track track(TopicPartition partition) {
        return tracks.computeIfAbsent(partition, p -> new Track());
    }

    /** Stops tracking {@code partition} (revoked or lost); its late finishes are ignored. */
    synchronized void forget(TopicPartition partition) {
        Track t = tracks.remove(partition);
        if (t != null) {
            synchronized (t) {
                t.forgotten = true;
            }
        }
        committed.remove(partition);
    }

    /**
     * The offsets to commit now: per partition the committable offset, when it moved since the last
     * call that returned it. The caller commits them, then calls {@link #committed}.
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> ready() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        tracks.forEach(
                (p, t) -> {
                    long c = t.committable();
                    if (c >= 0 && c > committed.getOrDefault(p, -1L)) {
                        out.put(p, new OffsetAndMetadata(c));
                    }
                });
        return out;
    }

    /** Records that {@code offsets} were committed. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach(
                (p, o) -> {
                    if (tracks.containsKey(p)) {
                        committed.merge(p, o.offset(), Math::max);
                    }
                });
    }

    /** Pages in flight in {@code partitions}. */
    synchronized int inFlight(java.util.Collection<TopicPartition> partitions) {
        int n = 0;
        for (TopicPartition p : partitions) {
            Track t = tracks.get(p);
            n += t == null ? 0 : t.inFlight();
        }
        return n;
    }

    /** Pages in flight over all owned partitions. */
    synchronized int inFlight() {
        int n = 0;
        for (Track t : tracks.values()) {
            n += t.inFlight();
        }
        return n;
    }

    /** The offsets of one owned partition. */
    static final class Track {
        private final TreeSet<Long> inFlight = new TreeSet<>();
        private long nextPolled = -1;
        private boolean forgotten;

        /** A record at {@code offset} was polled and is being delivered. */
        synchronized void started(long offset) {
            inFlight.add(offset);
            nextPolled = Math.max(nextPolled, offset + 1);
        }

        /** The record at {@code offset} has a durable receipt. */
        synchronized void finished(long offset) {
            if (!forgotten) {
                inFlight.remove(offset);
            }
        }

        synchronized long committable() {
            return inFlight.isEmpty() ? nextPolled : inFlight.first();
        }

        synchronized int inFlight() {
            return inFlight.size();
        }
    }
}
