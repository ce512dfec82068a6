package dev.pagerboy.streaming.replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records a replay's sources have handed to the pipeline, by replay id, in this JVM: what {@code
 * ./pagerboy replay}'s progress bar shows. A local replay runs its job on a MiniCluster in the same
 * JVM, so the bar sees the count grow. On a cluster ({@code flink run ... --mode replay}) the
 * sources run in the task managers, where no counter is registered, so they count nothing and the
 * client reports only the end. Progress only: no decision reads it.
 */
public final class ReplayCounter {

    private static final Map<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

    private ReplayCounter() {}

    /** Starts counting for replay {@code id}. */
    public static void register(String id) {
        COUNTERS.put(id, new LongAdder());
    }

    /** Stops counting for replay {@code id}. */
    public static void unregister(String id) {
        COUNTERS.remove(id);
    }

    /** Called by the replay's sources for each record they emit. */
    static void counted(String id) {
        LongAdder counter = COUNTERS.get(id);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Records of replay {@code id} emitted so far in this JVM. */
    public static long count(String id) {
        LongAdder counter = COUNTERS.get(id);
        return counter == null ? 0 : counter.sum();
    }
}
