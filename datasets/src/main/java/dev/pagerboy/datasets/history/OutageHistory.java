package dev.pagerboy.datasets.history;

import dev.pagerboy.datasets.Envelope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded history of node outages, for long-history runs of the job (issue 12's ten-year run and
 * the streaming job's long-history tests): per node, outages with lognormal durations (a median of
 * an hour, some lasting days) separated by gaps of hours to months, with one pause in which nothing
 * happens at all; each outage is one firing message at its start and one resolve at its end (native
 * format), plus evenly spaced ticks, so a bounded run with {@code --clock topic} knows how far time
 * goes. One copy of the generator serves the command line and the tests, so a user's run and the
 * in-JVM benchmark read the same input.
 */
public final class OutageHistory {

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;

    /** The Kafka topic of ticks. */
    public static final String TICKS = Envelope.TICKS;

    /** One outage of one node. */
    public record Outage(String node, String cluster, String severity, long start, long end) {}

    /**
     * One alert message: the firing at an outage's start or its resolve at the end.
     *
     * @param id the message id, {@code o<n>} in time order
     * @param json the native-format message
     */
    public record Message(Outage outage, boolean firing, long time, String id, String json) {}

    private final List<Outage> outages = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Long> tickTimes = new ArrayList<>();
    private final long start;
    private final long end;

    /**
     * @param seed the random seed
     * @param start the first instant
     * @param days how long the history lasts
     * @param nodes how many nodes fail
     * @param meanGapDays mean time between two outages of one node
     * @param tickEvery time between ticks
     */
    public OutageHistory(
            long seed, long start, int days, int nodes, double meanGapDays, long tickEvery) {
        if (days <= 0 || nodes <= 0 || meanGapDays <= 0 || tickEvery <= 0) {
            throw new IllegalArgumentException(
                    "history.size: days, nodes, mean gap and tick interval must be positive (got "
                            + days
                            + ", "
                            + nodes
                            + ", "
                            + meanGapDays
                            + ", "
                            + tickEvery
                            + ")");
        }
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
        record Unnamed(Outage outage, boolean firing, long time) {}
        List<Unnamed> sorted = new ArrayList<>();
        for (Outage o : outages) {
            sorted.add(new Unnamed(o, true, o.start()));
            sorted.add(new Unnamed(o, false, o.end()));
        }
        sorted.sort(
                Comparator.comparingLong(Unnamed::time)
                        .thenComparing(m -> m.outage().node())
                        .thenComparing(Unnamed::firing));
        int id = 0;
        for (Unnamed m : sorted) {
            String name = "o" + id++;
            messages.add(
                    new Message(
                            m.outage(),
                            m.firing(),
                            m.time(),
                            name,
                            json(m.outage(), m.firing(), name)));
        }
        for (long t = start; t <= end + HOUR; t += tickEvery) {
            tickTimes.add(t);
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

    public List<Outage> outages() {
        return Collections.unmodifiableList(outages);
    }

    /** Alert messages in time order (ties: by node, resolves before firings). */
    public List<Message> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Tick times from the start to an hour past the end. */
    public List<Long> tickTimes() {
        return Collections.unmodifiableList(tickTimes);
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /** How many outages last longer than {@code millis}. */
    public long longerThan(long millis) {
        return outages.stream().filter(o -> o.end() - o.start() > millis).count();
    }

    /**
     * The whole history as one stream in time order, ticks with the alerts: an alert keyed by its
     * node on {@link Envelope#ALERTS}, a tick with an empty payload on {@link #TICKS} (a tick
     * precedes the alerts of the same millisecond). A Kafka writer sends each tick to every
     * partition of the ticks topic.
     */
    public List<Envelope> envelopes() {
        List<Envelope> out = new ArrayList<>(messages.size() + tickTimes.size());
        int m = 0;
        for (long tick : tickTimes) {
            while (m < messages.size() && messages.get(m).time() < tick) {
                out.add(alert(messages.get(m++)));
            }
            out.add(Envelope.json(tick, "", TICKS, "{}"));
        }
        while (m < messages.size()) {
            out.add(alert(messages.get(m++)));
        }
        return out;
    }

    private static Envelope alert(Message m) {
        return Envelope.json(m.time(), m.outage().node(), Envelope.ALERTS, m.json());
    }
}
