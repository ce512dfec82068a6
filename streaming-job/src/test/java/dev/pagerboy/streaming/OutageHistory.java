package dev.pagerboy.streaming;

import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded history of node outages for long-history tests: per node, outages with lognormal
 * durations (a median of an hour, some lasting days) separated by gaps of hours to months, with one
 * pause in which nothing happens at all; each outage is one firing message at its start and one
 * resolve at its end (native format), on two partitions by node; plus ticks written to both
 * partitions of a ticks topic, as a feeder that ticks every partition does.
 */
final class OutageHistory {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** One outage of one node. */
    record Outage(String node, String cluster, String severity, long start, long end) {}

    final List<Outage> outages = new ArrayList<>();
    final List<RawInput> alerts = new ArrayList<>();
    final List<Tick> ticks = new ArrayList<>();
    final long start;
    final long end;

    /**
     * @param seed the random seed
     * @param start the first instant
     * @param days how long the history lasts
     * @param nodes how many nodes fail
     * @param meanGapDays mean time between two outages of one node
     * @param tickEvery time between ticks
     */
    OutageHistory(long seed, long start, int days, int nodes, double meanGapDays, long tickEvery) {
        this.start = start;
        this.end = start + days * DAY;
        Random random = new Random(seed);
        long pauseFrom = start + days * DAY / 3;
        long pauseTo = pauseFrom + 60 * DAY;
        for (int n = 0; n < nodes; n++) {
            String node = "node-" + n;
            String cluster = "c" + (n % 3);
            String severity = n % 5 == 0 ? "critical" : "warning";
            long t = start + (long) (random.nextDouble() * meanGapDays * DAY);
            while (t < end) {
                long duration =
                        Math.max(
                                60_000L,
                                Math.min(
                                        20 * DAY,
                                        (long) (HOUR * Math.exp(1.5 * random.nextGaussian()))));
                if ((t < pauseFrom || t >= pauseTo) && t + duration < end) {
                    outages.add(new Outage(node, cluster, severity, t, t + duration));
                }
                double gap = -Math.log(1 - random.nextDouble()) * meanGapDays * DAY;
                t += duration + HOUR + (long) gap;
            }
        }
        record Message(Outage outage, boolean firing, long time) {}
        List<Message> messages = new ArrayList<>();
        for (Outage o : outages) {
            messages.add(new Message(o, true, o.start()));
            messages.add(new Message(o, false, o.end()));
        }
        messages.sort(
                Comparator.comparingLong(Message::time)
                        .thenComparing(m -> m.outage().node())
                        .thenComparing(Message::firing));
        long[] offsets = new long[2];
        int id = 0;
        for (Message m : messages) {
            int partition = Math.floorMod(m.outage().node().hashCode(), 2);
            alerts.add(
                    new RawInput(
                            "alerts",
                            partition,
                            offsets[partition]++,
                            m.time(),
                            null,
                            json(m.outage(), m.firing(), "o" + id++)
                                    .getBytes(StandardCharsets.UTF_8)));
        }
        long tickOffset = 0;
        for (long t = start; t <= end + HOUR; t += tickEvery) {
            ticks.add(new Tick(t, "ticks", 0, tickOffset));
            ticks.add(new Tick(t, "ticks", 1, tickOffset));
            tickOffset++;
        }
    }

    private static String json(Outage o, boolean firing, String id) {
        long at = firing ? o.start() : o.end();
        return "{\"version\":\"pagerboy/v1\",\"id\":\""
                + id
                + "\",\"status\":\""
                + (firing ? "firing" : "resolved")
                + "\",\"labels\":{\"alertname\":\"NodeDown\",\"instance\":\""
                + o.node()
                + "\",\"cluster\":\""
                + o.cluster()
                + "\",\"severity\":\""
                + o.severity()
                + "\"},\"annotations\":{\"summary\":\"node down\"},\"startsAt\":"
                + o.start()
                + ",\"endsAt\":"
                + (firing ? "null" : String.valueOf(at))
                + "}";
    }

    long longerThan(long millis) {
        return outages.stream().filter(o -> o.end() - o.start() > millis).count();
    }
}
