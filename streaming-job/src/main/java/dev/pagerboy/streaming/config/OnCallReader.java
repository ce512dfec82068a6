package dev.pagerboy.streaming.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code schedules:} and {@code escalation_policies:}. They are validated now (names unique,
 * references resolvable, durations and zones valid) and used by escalation in the next milestone.
 */
final class OnCallReader {

    private static final Set<String> SCHEDULE_KEYS =
            Set.of("name", "time_zone", "starts_at", "rotation", "participants");
    private static final Set<String> POLICY_KEYS = Set.of("name", "steps", "repeat");
    private static final Set<String> STEP_KEYS = Set.of("after", "schedules", "receivers");

    private final Set<String> receivers;

    OnCallReader(Set<String> receivers) {
        this.receivers = receivers;
    }

    Map<String, OnCallSchedule> schedules(ConfigNode node) throws ConfigException {
        Map<String, OnCallSchedule> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(SCHEDULE_KEYS);
            ConfigNode nameNode = m.required("name");
            String name = nameNode.string();
            if (out.containsKey(name)) {
                throw nameNode.error("duplicate schedule name \"" + name + "\"");
            }
            ConfigNode zoneNode = m.required("time_zone");
            String zone = zoneNode.string();
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw zoneNode.error("unknown time zone \"" + zone + "\"");
            }
            ConfigNode rotationNode = m.required("rotation");
            Duration rotation = rotationNode.duration();
            if (rotation.isZero()) {
                throw rotationNode.error("rotation must be greater than zero");
            }
            ConfigNode participantsNode = m.required("participants");
            List<String> participants = participantsNode.stringList();
            if (participants.isEmpty()) {
                throw participantsNode.error("a schedule needs at least one participant");
            }
            if (new HashSet<>(participants).size() != participants.size()) {
                throw participantsNode.error("participants must not repeat");
            }
            out.put(
                    name,
                    new OnCallSchedule(
                            name,
                            zone,
                            m.required("starts_at").time(),
                            rotation,
                            List.copyOf(participants)));
        }
        return Collections.unmodifiableMap(out);
    }

    Map<String, EscalationPolicy> policies(ConfigNode node, Set<String> schedules)
            throws ConfigException {
        Map<String, EscalationPolicy> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(POLICY_KEYS);
            ConfigNode nameNode = m.required("name");
            String name = nameNode.string();
            if (out.containsKey(name)) {
                throw nameNode.error("duplicate escalation policy name \"" + name + "\"");
            }
            ConfigNode stepsNode = m.required("steps");
            List<EscalationPolicy.Step> steps = new ArrayList<>();
            for (ConfigNode stepNode : stepsNode.list()) {
                steps.add(step(stepNode, schedules));
            }
            if (steps.isEmpty()) {
                throw stepsNode.error("a policy needs at least one step");
            }
            ConfigNode repeatNode = m.optional("repeat");
            int repeat = repeatNode == null ? 0 : repeatNode.integer(0);
            out.put(name, new EscalationPolicy(name, List.copyOf(steps), repeat));
        }
        return Collections.unmodifiableMap(out);
    }

    private EscalationPolicy.Step step(ConfigNode node, Set<String> schedules)
            throws ConfigException {
        ConfigNode.Mapping m = node.mapping(STEP_KEYS);
        Duration after = m.required("after").duration();
        List<String> onCall = references(m.optional("schedules"), schedules, "schedule");
        List<String> direct = references(m.optional("receivers"), receivers, "receiver");
        if (onCall.isEmpty() && direct.isEmpty()) {
            throw node.error("a step needs schedules or receivers to page");
        }
        return new EscalationPolicy.Step(after, onCall, direct);
    }

    private static List<String> references(ConfigNode node, Set<String> known, String what)
            throws ConfigException {
        if (node == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            String name = item.string();
            if (!known.contains(name)) {
                throw item.error("undefined " + what + " \"" + name + "\"");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }
}
