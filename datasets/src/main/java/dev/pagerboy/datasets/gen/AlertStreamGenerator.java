package dev.pagerboy.datasets.gen;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.rules.RuleCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import org.web3j.crypto.ECKeyPair;

/**
 * A seeded, calibrated alert stream: a discrete-event simulation of teams whose alerts fire, repeat
 * on Alertmanager's repeat interval, resolve, flap, arrive in storms and get acknowledged by
 * humans, emitted as {@link Envelope}s in send-time order. The same {@link GeneratorConfig} always
 * yields the same records, byte for byte.
 *
 * <p>The model: steady alarms arrive as a Poisson process ({@code teams × 6/h}); storms (Poisson,
 * one per team per day) start 12–60 alarms of one rule on distinct instances within 8 minutes; a
 * rule is drawn uniformly from the catalog, so the severity mix is the catalog's. Durations are
 * lognormal (median 110 s, p90 1370 s). A firing alert is re-sent every repeat interval until it
 * resolves; after it resolves, it is raised again within 10 minutes with probability 0.31. With
 * acks, each incident still open after a lognormal delay (mean 5 min) is acknowledged by one of its
 * team's engineers, except a never-acknowledged share. Independent random streams drive arrivals,
 * durations, flaps, acks and faults, so enabling acks or faults leaves the alarms alone.
 */
public final class AlertStreamGenerator implements Iterator<Envelope> {
    private static final int MAX_PICK_ATTEMPTS = 16;

    /** Records simulated ahead of the reader, so that their acks can be signed together. */
    private static final int LOOKAHEAD = 512;

    private final GeneratorConfig config;
    private final Calibration cal;
    private final TeamRoster roster;
    private final SeededRandom arrivals;
    private final SeededRandom durations;
    private final SeededRandom flaps;
    private final SeededRandom acks;
    private final SeededRandom faults;
    private final EngineerKeys keys;
    private final Rfc3339 times = new Rfc3339();
    private final double durationSigma;
    private final double ackMedianMs;
    private final double meanBaseGapMs;
    private final double meanStormGapMs;

    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final Set<Long> busySeries = new HashSet<>();
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    private final List<Slot> unsignedAcks = new ArrayList<>();
    private double nextBaseAt;
    private double nextStormAt;
    private long sequence;
    private long alarms;
    private long alertsEmitted;
    private long acksEmitted;

    public AlertStreamGenerator(GeneratorConfig config) {
        this(config, RuleCatalog.bundled());
    }

    public AlertStreamGenerator(GeneratorConfig config, RuleCatalog catalog) {
        this.config = config;
        this.cal = config.calibration();
        this.roster = new TeamRoster(catalog, config.teams(), cal.instancesPerService());
        long seed = config.seed();
        this.arrivals = SeededRandom.forPurpose(seed, "arrivals");
        this.durations = SeededRandom.forPurpose(seed, "durations");
        this.flaps = SeededRandom.forPurpose(seed, "flaps");
        this.acks = SeededRandom.forPurpose(seed, "acks");
        this.faults = SeededRandom.forPurpose(seed, "faults");
        this.keys = new EngineerKeys(seed);
        this.durationSigma = cal.durationSigma();
        this.ackMedianMs = cal.ackMedianSeconds() * 1000;
        this.meanBaseGapMs = 3_600_000.0 / (config.teams() * cal.baseAlarmsPerTeamHour());
        this.meanStormGapMs = 86_400_000.0 / (config.teams() * cal.stormsPerTeamDay());
        this.nextBaseAt = config.startMs() + arrivals.nextExponential(meanBaseGapMs);
        this.nextStormAt = config.startMs() + arrivals.nextExponential(meanStormGapMs);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Alert records emitted so far. */
    public long alertsEmitted() {
        return alertsEmitted;
    }

    /** Acknowledgment records emitted so far. */
    public long acksEmitted() {
        return acksEmitted;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty()) {
            while (ready.size() < LOOKAHEAD && alertsEmitted < config.alerts()) {
                step();
            }
            signPendingAcks();
        }
        return !ready.isEmpty();
    }

    @Override
    public Envelope next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        return ready.poll().envelope;
    }

    /**
     * Signs the acks queued since the last call on all cores (ECDSA dominates the cost of an ack;
     * the signatures are deterministic, so the order of signing does not matter), then writes their
     * JSON in stream order on this thread.
     */
    private void signPendingAcks() {
        if (unsignedAcks.isEmpty()) {
            return;
        }
        (unsignedAcks.size() > 1 ? unsignedAcks.parallelStream() : unsignedAcks.stream())
                .forEach(Slot::sign);
        for (Slot slot : unsignedAcks) {
            slot.envelope =
                    Envelope.json(
                            slot.signed.text().ackedAtMillis(),
                            slot.signed.text().fingerprint(),
                            Envelope.ACKS,
                            slot.signed.toJson(times));
        }
        unsignedAcks.clear();
    }

    /** Advances the simulation to its next moment and queues what happens then. */
    private void step() {
        double nextPending = pending.isEmpty() ? Double.MAX_VALUE : pending.peek().at;
        if (nextPending <= nextBaseAt && nextPending <= nextStormAt) {
            handle(pending.poll());
        } else if (nextBaseAt <= nextStormAt) {
            long at = (long) nextBaseAt;
            nextBaseAt += arrivals.nextExponential(meanBaseGapMs);
            startSteadyAlarm(at);
        } else {
            long at = (long) nextStormAt;
            nextStormAt += arrivals.nextExponential(meanStormGapMs);
            scheduleStorm(at);
        }
    }

    private void startSteadyAlarm(long at) {
        for (int attempt = 0; attempt < MAX_PICK_ATTEMPTS; attempt++) {
            int rule = arrivals.nextInt(roster.rules());
            int replica = arrivals.nextInt(roster.replicasOfRule(rule));
            int instance = arrivals.nextInt(roster.instancesPerService());
            long series = TeamRoster.seriesKey(rule, replica, instance);
            if (busySeries.add(series)) {
                startAlarm(series, at);
                return;
            }
        }
        // Every pick was already firing: a saturated team raises nothing new this time.
    }

    private void scheduleStorm(long at) {
        int rule = arrivals.nextInt(roster.rules());
        int replica = arrivals.nextInt(roster.replicasOfRule(rule));
        int size = arrivals.between(cal.stormMinAlarms(), cal.stormMaxAlarms());
        long spreadMs = 60_000L + arrivals.nextInt(cal.stormMaxSpreadSeconds() * 1000 - 59_999);
        int instances = roster.instancesPerService();
        int[] order = new int[instances];
        for (int i = 0; i < instances; i++) {
            order[i] = i;
        }
        int started = 0;
        for (int i = 0; i < instances && started < size; i++) {
            int j = i + arrivals.nextInt(instances - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
            long series = TeamRoster.seriesKey(rule, replica, order[i]);
            if (busySeries.add(series)) {
                long offset = (long) (arrivals.nextDouble() * spreadMs);
                schedule(new Pending(at + offset, Kind.START, series, null, 0));
                started++;
            }
        }
    }

    private void handle(Pending event) {
        switch (event.kind) {
            case START -> startAlarm(event.series, event.at);
            case REPEAT -> repeat(event.alarm, event.at, event.count);
            case RESOLVE -> resolve(event.alarm);
            case ACK -> acknowledge(event.alarm, event.at, event.count);
        }
    }

    private void startAlarm(long series, long at) {
        double seconds = durations.nextLognormal(cal.durationMedianSeconds(), durationSigma);
        long durationMs =
                Math.max(
                        1000,
                        Math.min(cal.maxDurationSeconds() * 1000, Math.round(seconds * 1000)));
        Alarm alarm =
                new Alarm(
                        ++alarms,
                        series,
                        roster.labels(series),
                        roster.annotations(series),
                        at,
                        at + durationMs);
        emitAlert(alarm, AlertStatus.FIRING, at, alarm.id("firing"));
        if (at + config.repeatIntervalMs() < alarm.endsAt) {
            schedule(new Pending(at + config.repeatIntervalMs(), Kind.REPEAT, series, alarm, 1));
        }
        schedule(new Pending(alarm.endsAt, Kind.RESOLVE, series, alarm, 0));
        if (config.acks()) {
            planAck(alarm);
        }
    }

    private void repeat(Alarm alarm, long at, int count) {
        emitAlert(alarm, AlertStatus.FIRING, at, alarm.id("repeat-" + count));
        long next = at + config.repeatIntervalMs();
        if (next < alarm.endsAt) {
            schedule(new Pending(next, Kind.REPEAT, alarm.series, alarm, count + 1));
        }
    }

    private void resolve(Alarm alarm) {
        emitAlert(alarm, AlertStatus.RESOLVED, alarm.endsAt, alarm.id("resolved"));
        if (flaps.chance(cal.flapProbability())) {
            // The series stays busy: it is raised again within the flap window.
            double u = flaps.nextDouble();
            long gapMs =
                    Math.max(
                            1000, (long) (cal.flapWindowSeconds() * 1000 * StrictMath.pow(u, 1.3)));
            schedule(new Pending(alarm.endsAt + gapMs, Kind.START, alarm.series, null, 0));
        } else {
            busySeries.remove(alarm.series);
        }
    }

    private void planAck(Alarm alarm) {
        boolean neverAcked = acks.chance(cal.neverAckedFraction());
        long delayMs = Math.max(1000, Math.round(acks.nextLognormal(ackMedianMs, cal.ackSigma())));
        int engineer = acks.nextInt(cal.engineersPerTeam());
        boolean forged = acks.chance(config.forgedFraction());
        if (!neverAcked && alarm.startsAt + delayMs < alarm.endsAt) {
            schedule(
                    new Pending(
                            alarm.startsAt + delayMs,
                            Kind.ACK,
                            alarm.series,
                            alarm,
                            forged ? -engineer - 1 : engineer));
        }
    }

    private void acknowledge(Alarm alarm, long at, int engineerCode) {
        boolean forged = engineerCode < 0;
        int engineer = forged ? -engineerCode - 1 : engineerCode;
        EngineerKeys.Engineer claimed = keys.engineer(roster.teamName(alarm.series), engineer);
        EngineerKeys.Engineer signer = forged ? keys.forger() : claimed;
        String incident = alarm.fingerprint + ":" + alarm.startsAt;
        Slot slot =
                new Slot(
                        new AckText(
                                incident, alarm.fingerprint, claimed.address(), AckAction.ACK, at),
                        signer.keyPair());
        ready.add(slot);
        unsignedAcks.add(slot);
        acksEmitted++;
    }

    private void emitAlert(Alarm alarm, AlertStatus status, long at, String id) {
        if (alertsEmitted >= config.alerts()) {
            return;
        }
        AlertEvent event =
                new AlertEvent(
                        id,
                        status,
                        alarm.labels,
                        alarm.annotations,
                        alarm.startsAt,
                        status == AlertStatus.RESOLVED ? alarm.endsAt : AlertEvent.NOT_ENDED,
                        at,
                        alarm.fingerprint);
        String payload = config.format().render(event, times);
        Envelope envelope;
        if (faults.chance(config.malformedFraction())) {
            MalformedRecords kind =
                    MalformedRecords.values()[faults.nextInt(MalformedRecords.values().length)];
            envelope =
                    new Envelope(
                            at,
                            alarm.fingerprint,
                            Envelope.ALERTS,
                            kind.corrupt(payload),
                            kind.isText());
        } else {
            envelope = Envelope.json(at, alarm.fingerprint, Envelope.ALERTS, payload);
        }
        ready.add(new Slot(envelope));
        alertsEmitted++;
    }

    private void schedule(Pending event) {
        event.order = sequence++;
        pending.add(event);
    }

    /** A place in the output: an envelope, or an ack waiting for its signature. */
    private static final class Slot {
        Envelope envelope;
        AckText unsigned;
        SignedAck signed;
        final ECKeyPair signer;

        Slot(Envelope envelope) {
            this.envelope = envelope;
            this.signer = null;
        }

        Slot(AckText unsigned, ECKeyPair signer) {
            this.unsigned = unsigned;
            this.signer = signer;
        }

        void sign() {
            signed = AckSigner.sign(unsigned, signer);
        }
    }

    private enum Kind {
        START,
        REPEAT,
        RESOLVE,
        ACK
    }

    /** Something that will happen at a known time; ties are broken by scheduling order. */
    private static final class Pending implements Comparable<Pending> {
        final long at;
        final Kind kind;
        final long series;
        final Alarm alarm;
        final int count;
        long order;

        Pending(long at, Kind kind, long series, Alarm alarm, int count) {
            this.at = at;
            this.kind = kind;
            this.series = series;
            this.alarm = alarm;
            this.count = count;
        }

        @Override
        public int compareTo(Pending other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    /** One firing-to-resolved episode of one series. */
    private final class Alarm {
        final long number;
        final long series;
        final LabelSet labels;
        final LabelSet annotations;
        final String fingerprint;
        final long startsAt;
        final long endsAt;

        Alarm(
                long number,
                long series,
                LabelSet labels,
                LabelSet annotations,
                long startsAt,
                long endsAt) {
            this.number = number;
            this.series = series;
            this.labels = labels;
            this.annotations = annotations;
            this.fingerprint = Fingerprint.hex(labels);
            this.startsAt = startsAt;
            this.endsAt = endsAt;
        }

        String id(String suffix) {
            return "gen-" + config.seed() + "-" + number + "-" + suffix;
        }
    }
}
