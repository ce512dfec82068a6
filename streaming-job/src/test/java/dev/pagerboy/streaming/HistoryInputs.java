package dev.pagerboy.streaming;

import dev.pagerboy.datasets.history.OutageHistory;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's inputs for the datasets module's {@link OutageHistory} (the generator that {@code
 * ./pagerboy datasets history} writes), as in-memory records: alerts on two partitions by node, as
 * that command puts them on Kafka, and each tick on both partitions of a ticks topic, as a feeder
 * that ticks every partition does. One generator, so the in-JVM tests and a user's run read the
 * same history.
 */
final class HistoryInputs {

    static final long HOUR = OutageHistory.HOUR;
    static final long DAY = OutageHistory.DAY;

    final OutageHistory history;
    final List<OutageHistory.Outage> outages;
    final List<RawInput> alerts = new ArrayList<>();
    final List<Tick> ticks = new ArrayList<>();

    /** See {@link OutageHistory#OutageHistory(long, long, int, int, double, long)}. */
    HistoryInputs(long seed, long start, int days, int nodes, double meanGapDays, long tickEvery) {
        history = new OutageHistory(seed, start, days, nodes, meanGapDays, tickEvery);
        outages = history.outages();
        long[] offsets = new long[2];
        for (OutageHistory.Message m : history.messages()) {
            int partition = Math.floorMod(m.outage().node().hashCode(), 2);
            alerts.add(
                    new RawInput(
                            "alerts",
                            partition,
                            offsets[partition]++,
                            m.time(),
                            null,
                            m.json().getBytes(StandardCharsets.UTF_8)));
        }
        long tickOffset = 0;
        for (long t : history.tickTimes()) {
            ticks.add(new Tick(t, "ticks", 0, tickOffset));
            ticks.add(new Tick(t, "ticks", 1, tickOffset));
            tickOffset++;
        }
    }

    long longerThan(long millis) {
        return history.longerThan(millis);
    }
}
