package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An on-call schedule: "who is on call at t" as a pure function of the configuration and t. Layers
 * are stacked as in PagerDuty: a later layer wins wherever it covers t (a weekday business-hours
 * layer listed after a 24/7 layer takes the weekdays), lower layers fill the rest, and overrides
 * win over every layer. Nothing here reads a clock; the escalation function and the {@code oncall}
 * command pass the time in.
 *
 * @param name unique schedule name
 * @param zone the time zone of every handoff and restriction
 * @param layers rotations from lowest to highest precedence (at least one)
 * @param overrides replacements for a time range; a later one wins where they overlap
 */
public record OnCallSchedule(
        String name, ZoneId zone, List<ScheduleLayer> layers, List<ScheduleOverride> overrides)
        implements Serializable {

    public OnCallSchedule {
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
    }

    /** Who is on call at {@code time} (epoch ms) and why; empty when nothing covers it. */
    public Optional<OnCall> at(long time) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            ScheduleOverride o = overrides.get(i);
            if (o.covers(time)) {
                return Optional.of(OnCall.override(o.engineer()));
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            ScheduleLayer layer = layers.get(i);
            Optional<String> engineer = layer.onCallAt(time);
            if (engineer.isPresent()) {
                return Optional.of(OnCall.layer(engineer.get(), layer.name()));
            }
        }
        return Optional.empty();
    }

    /** Everyone the schedule can put on call: every layer's participants and every override's. */
    public java.util.Set<String> participants() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (ScheduleLayer layer : layers) {
            out.addAll(layer.participants());
        }
        for (ScheduleOverride o : overrides) {
            out.add(o.engineer());
        }
        return out;
    }

    /** The engineer on call at {@code time} (epoch ms); empty when nothing covers it. */
    public Optional<String> onCallAt(long time) {
        return at(time).map(OnCall::engineer);
    }

    /**
     * The final timeline in [{@code from}, {@code to}): one shift per stretch with the same
     * engineer and the same layer or override, in time order; stretches that nobody covers are left
     * out.
     */
    public List<OnCallShift> timeline(long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty window [" + from + ", " + to + ")");
        }
        SortedSet<Long> cuts = new TreeSet<>();
        cuts.add(from);
        for (ScheduleLayer layer : layers) {
            layer.addChangesBetween(from, to, cuts);
        }
        for (ScheduleOverride o : overrides) {
            ScheduleLayer.addIfInside(o.startsAt(), from, to, cuts);
            ScheduleLayer.addIfInside(o.endsAt(), from, to, cuts);
        }
        cuts.add(to);
        List<OnCallShift> out = new ArrayList<>();
        Long start = null;
        OnCall current = null;
        for (long cut : cuts) {
            Optional<OnCall> next = cut < to ? at(cut) : Optional.empty();
            if (current != null && next.isPresent() && next.get().equals(current)) {
                continue;
            }
            if (current != null) {
                out.add(new OnCallShift(start, cut, current));
            }
            start = cut;
            current = next.orElse(null);
        }
        return List.copyOf(out);
    }
}
