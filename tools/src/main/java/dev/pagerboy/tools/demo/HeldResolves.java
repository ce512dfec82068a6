package dev.pagerboy.tools.demo;

import dev.pagerboy.datasets.Envelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolves {@code demo --acks} holds back so that the incidents its engineers acknowledge are
 * still open when their acks reach the job.
 *
 * <p>Why: the demo's engineers ({@link DemoOnCall}) read a page only once the job has committed it,
 * and by then the demo's accelerated clock has moved the job's event time hours or days past the
 * page. Their ack is a late input, applied at the job's current event time; with the dataset's own
 * resolves most incidents were over by then, and how many acks were accepted (0 to 6 of 478)
 * depended on how loaded the machine was. Here the choice of incidents does not depend on timing:
 * one alert in {@code share} that is not critical (by a hash of its fingerprint) is chosen, every
 * resolve of a chosen alert is left out of the replay, so the alert fires from its first firing to
 * the end of the run and every incident whose page lists it stays open for however long the
 * engineer's ack takes. The run ends with those incidents acknowledged and still open ({@link
 * DemoAcking} says why the held resolves are not sent at the end). The choice depends only on the
 * dataset and {@code share}, so every run acks the same incidents.
 *
 * <p>Critical alerts are never chosen: the shipped routing pages them to the critical pager
 * receiver, not to an engineer by name, so nobody would ack their incidents (in one run of the
 * shipped sample only warnings and infos appeared on pages naming an engineer). One in four of the
 * others is about 33 alerts of the shipped sample, whose incidents page about ten times by name.
 *
 * <p>A record that resolves several alerts is left out whole when it resolves a chosen one (the
 * shipped samples hold one alert per record).
 */
final class HeldResolves {

    /**
     * One alert in {@code SHARE} that is not critical has its resolves held back and its incidents
     * acknowledged.
     */
    static final int SHARE = 4;

    private final Set<String> fingerprints;
    private final List<Envelope> held;
    private final List<Envelope> rest;

    private HeldResolves(Set<String> fingerprints, List<Envelope> held, List<Envelope> rest) {
        this.fingerprints = Set.copyOf(fingerprints);
        this.held = List.copyOf(held);
        this.rest = List.copyOf(rest);
    }

    /** Holds nothing back: the dataset is replayed as it is. */
    static HeldResolves none(List<Envelope> dataset) {
        return new HeldResolves(Set.of(), List.of(), dataset);
    }

    /** Whether the alert with {@code fingerprint} is one of the chosen ones. */
    static boolean chosen(String fingerprint, int share) {
        return Math.floorMod(fingerprint.hashCode(), share) == 0;
    }

    /**
     * Leaves out every resolve of each chosen alert that fired before it in {@code dataset}, not as
     * a critical alert.
     *
     * @param share one alert in {@code share} is chosen ({@link #chosen})
     * @param excluded alerts never chosen (the one {@code --gateway} keeps open for a person)
     */
    static HeldResolves choose(List<Envelope> dataset, int share, Set<String> excluded) {
        if (share < 1) {
            throw new IllegalArgumentException("share must be at least 1: " + share);
        }
        // Alerts seen firing, and whether they were critical when they last fired.
        Map<String, Boolean> fired = new HashMap<>();
        Set<String> chosen = new HashSet<>();
        List<Envelope> held = new ArrayList<>();
        List<Envelope> rest = new ArrayList<>(dataset.size());
        for (int i = 0; i < dataset.size(); i++) {
            Envelope e = dataset.get(i);
            boolean holds = false;
            if (Envelope.ALERTS.equals(e.topic()) && !e.payloadIsText()) {
                for (HeldBackResolve.AlertState a : HeldBackResolve.states(e)) {
                    if (a.firing()) {
                        fired.put(a.fingerprint(), a.critical());
                    } else if (Boolean.FALSE.equals(fired.get(a.fingerprint()))
                            && !excluded.contains(a.fingerprint())
                            && chosen(a.fingerprint(), share)) {
                        holds = true;
                        chosen.add(a.fingerprint());
                    }
                }
            }
            if (holds) {
                held.add(e);
            } else {
                rest.add(e);
            }
        }
        return new HeldResolves(chosen, held, rest);
    }

    /** The chosen alerts: an incident whose page lists one firing is acknowledged. */
    Set<String> fingerprints() {
        return fingerprints;
    }

    /** Every record left out, in dataset order. */
    List<Envelope> held() {
        return held;
    }

    /** The dataset without the held records, in its order: what the feeder replays. */
    List<Envelope> rest() {
        return rest;
    }
}
