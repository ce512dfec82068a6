package dev.pagerboy.streaming.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code schedules:} and {@code escalation_policies:}: names unique, references resolvable,
 * durations, zones, times of day and days valid. A schedule is either the flat form (one rotation's
 * {@code starts_at}, {@code rotation} and {@code participants} at its own level, as before layers
 * existed) or a list of {@code layers}; both give the same {@link OnCallSchedule}.
 */
final class OnCallReader {

    private static final Set<String> SCHEDULE_KEYS =
            Set.of(
                    "name",
                    "time_zone",
                    "starts_at",
                    "rotation",
                    "participants",
                    "layers",
                    "overrides");

    /** The flat form of a schedule: its one layer's keys at the schedule's level. */
    private static final List<String> FLAT_KEYS = List.of("starts_at", "rotation", "participants");

    private static final Set<String> LAYER_KEYS =
            Set.of("name", "starts_at", "ends_at", "rotation", "participants", "restrictions");
    private static final Set<String> RESTRICTION_KEYS = Set.of("days", "from", "to");
    private static final Set<String> OVERRIDE_KEYS = Set.of("engineer", "starts_at", "ends_at");
    private static final Set<String> POLICY_KEYS =
            Set.of("name", "steps", "repeat", "repeat_after", "final_action", "restrict_acks");
    private static final Set<String> STEP_KEYS = Set.of("after", "schedules", "users", "receivers");
    private static final Set<String> ENGINEER_KEYS = Set.of("name", "address", "teams", "notify");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private static final Pattern CLOCK_TIME = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final String DAY_NAMES = "mon, tue, wed, thu, fri, sat, sun";

    private final Set<String> receivers;

    OnCallReader(Set<String> receivers) {
        this.receivers = receivers;
    }

    /**
     * The roster ({@code engineers:}): names and addresses unique, addresses 20-byte hex (stored
     * lowercase, so EIP-55 checksummed input works), {@code notify} a known receiver.
     */
    Map<String, Engineer> engineers(ConfigNode node) throws ConfigException {
        Map<String, Engineer> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(ENGINEER_KEYS);
            ConfigNode nameNode = m.required("name");
            String name = nameNode.string();
            if (out.containsKey(name)) {
                throw nameNode.error("duplicate engineer name \"" + name + "\"");
            }
            ConfigNode addressNode = m.required("address");
            String address = addressNode.string();
            if (!ADDRESS.matcher(address).matches()) {
                throw addressNode.error(
                        "bad address \""
                                + address
                                + "\" (expected 0x and 40 hex digits, quoted so YAML keeps it text)");
            }
            address = address.toLowerCase(Locale.ROOT);
            String other = addresses.put(address, name);
            if (other != null) {
                throw addressNode.error("address is already used by engineer \"" + other + "\"");
            }
            ConfigNode teamsNode = m.optional("teams");
            List<String> teams = teamsNode == null ? List.of() : teamsNode.stringList();
            ConfigNode notifyNode = m.required("notify");
            String notify = notifyNode.string();
            if (!receivers.contains(notify)) {
                throw notifyNode.error("undefined receiver \"" + notify + "\"");
            }
            out.put(name, new Engineer(name, address, teams, notify));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * With a roster, everyone a schedule can put on call must be on it: a page names an engineer,
     * and only a rostered engineer has a receiver and an address to acknowledge with.
     */
    void checkScheduleEngineers(ConfigNode node, Map<String, Engineer> roster)
            throws ConfigException {
        if (node == null || roster.isEmpty()) {
            return;
        }
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(SCHEDULE_KEYS);
            List<ConfigNode> lists = new ArrayList<>();
            if (m.optional("participants") != null) {
                lists.add(m.optional("participants"));
            }
            ConfigNode layersNode = m.optional("layers");
            if (layersNode != null) {
                for (ConfigNode layer : layersNode.list()) {
                    ConfigNode p = layer.mapping(LAYER_KEYS).optional("participants");
                    if (p != null) {
                        lists.add(p);
                    }
                }
            }
            for (ConfigNode list : lists) {
                for (ConfigNode engineer : list.list()) {
                    requireRostered(engineer, roster);
                }
            }
            ConfigNode overridesNode = m.optional("overrides");
            if (overridesNode != null) {
                for (ConfigNode o : overridesNode.list()) {
                    requireRostered(o.mapping(OVERRIDE_KEYS).required("engineer"), roster);
                }
            }
        }
    }

    private static void requireRostered(ConfigNode engineer, Map<String, Engineer> roster)
            throws ConfigException {
        if (!roster.containsKey(engineer.string())) {
            throw engineer.error(
                    "engineer \"" + engineer.string() + "\" is not on the roster (engineers:)");
        }
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
            ZoneId zone = zone(m.required("time_zone"));
            out.put(name, new OnCallSchedule(name, zone, layers(m, zone), overrides(m)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static ZoneId zone(ConfigNode node) throws ConfigException {
        String zone = node.string();
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw node.error(
                    "unknown time zone \""
                            + zone
                            + "\" (expected an IANA zone id, e.g. Europe/Berlin)");
        }
    }

    /** The schedule's layers: either {@code layers:} or the flat keys, which make one layer. */
    private static List<ScheduleLayer> layers(ConfigNode.Mapping schedule, ZoneId zone)
            throws ConfigException {
        ConfigNode layersNode = schedule.optional("layers");
        if (layersNode == null && schedule.has("layers")) {
            throw schedule.entries().get("layers").error("a schedule needs at least one layer");
        }
        if (layersNode == null) {
            if (!FLAT_KEYS.stream().anyMatch(schedule::has)) {
                throw schedule.missing(
                        "layers",
                        "missing (expected layers, or starts_at, rotation and participants for a"
                                + " single rotation)");
            }
            return List.of(layer(schedule, zone, "layer-1"));
        }
        for (String flat : FLAT_KEYS) {
            if (schedule.has(flat)) {
                throw schedule.entries()
                        .get(flat)
                        .error("not allowed beside layers (expected it inside each layer)");
            }
        }
        List<ScheduleLayer> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ConfigNode> items = layersNode.list();
        for (int i = 0; i < items.size(); i++) {
            ConfigNode.Mapping m = items.get(i).mapping(LAYER_KEYS);
            String name = "layer-" + (i + 1);
            ConfigNode nameNode = m.optional("name");
            if (nameNode != null) {
                name = nameNode.string();
            }
            if (!names.add(name)) {
                ConfigNode where = nameNode != null ? nameNode : items.get(i);
                throw where.error("duplicate layer name \"" + name + "\" in this schedule");
            }
            out.add(layer(m, zone, name));
        }
        if (out.isEmpty()) {
            throw layersNode.error("a schedule needs at least one layer");
        }
        return out;
    }

    private static ScheduleLayer layer(ConfigNode.Mapping m, ZoneId zone, String name)
            throws ConfigException {
        long startsAt = m.required("starts_at").time();
        long endsAt = ScheduleLayer.OPEN_END;
        ConfigNode endNode = m.optional("ends_at");
        if (endNode != null) {
            endsAt = endNode.time();
            if (endsAt <= startsAt) {
                throw endNode.error("must be after starts_at");
            }
        }
        ConfigNode rotationNode = m.required("rotation");
        Duration rotation = rotationNode.duration();
        if (rotation.compareTo(ScheduleLayer.SHORTEST_ROTATION) < 0) {
            throw rotationNode.error("rotation must be at least 1h (expected e.g. 12h, 1d, 7d)");
        }
        ConfigNode participantsNode = m.required("participants");
        List<String> participants = participantsNode.stringList();
        if (participants.isEmpty()) {
            throw participantsNode.error("a schedule needs at least one participant");
        }
        if (new HashSet<>(participants).size() != participants.size()) {
            throw participantsNode.error("participants must not repeat");
        }
        List<LayerRestriction> restrictions = new ArrayList<>();
        ConfigNode restrictionsNode =
                m.has("restrictions") ? m.entries().get("restrictions") : null;
        if (restrictionsNode != null) {
            for (ConfigNode r : restrictionsNode.list()) {
                restrictions.add(restriction(r));
            }
            if (restrictions.isEmpty()) {
                throw restrictionsNode.error(
                        "must not be empty (expected at least one window, or no restrictions key)");
            }
        }
        return new ScheduleLayer(
                name, zone, startsAt, endsAt, rotation, participants, restrictions);
    }

    private static LayerRestriction restriction(ConfigNode node) throws ConfigException {
        ConfigNode.Mapping m = node.mapping(RESTRICTION_KEYS);
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        ConfigNode daysNode = m.optional("days");
        if (daysNode != null) {
            days = EnumSet.noneOf(DayOfWeek.class);
            for (ConfigNode day : daysNode.list()) {
                if (!days.add(day(day))) {
                    throw day.error("day listed twice");
                }
            }
            if (days.isEmpty()) {
                throw daysNode.error("must not be empty (expected some of " + DAY_NAMES + ")");
            }
        }
        LocalTime from = clockTime(m.required("from"), false);
        LocalTime to = clockTime(m.required("to"), true);
        return new LayerRestriction(days, from, to);
    }

    private static DayOfWeek day(ConfigNode node) throws ConfigException {
        String text = node.string().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (text.equals(full) || text.equals(full.substring(0, 3))) {
                return d;
            }
        }
        throw node.error(
                "unknown day \"" + node.string() + "\" (expected one of " + DAY_NAMES + ")");
    }

    /**
     * {@code HH:MM} on the schedule's clock; {@code 24:00} (midnight at the end) only as an end.
     */
    private static LocalTime clockTime(ConfigNode node, boolean end) throws ConfigException {
        String text = node.string();
        Matcher hm = CLOCK_TIME.matcher(text);
        String expected = end ? "HH:MM from 00:00 to 24:00" : "HH:MM from 00:00 to 23:59";
        if (hm.matches()) {
            int h = Integer.parseInt(hm.group(1));
            int min = Integer.parseInt(hm.group(2));
            if (end && h == 24 && min == 0) {
                return LocalTime.MIDNIGHT;
            }
            if (h < 24 && min < 60) {
                return LocalTime.of(h, min);
            }
        }
        throw node.error("bad time of day \"" + text + "\" (expected " + expected + ", quoted)");
    }

    private static List<ScheduleOverride> overrides(ConfigNode.Mapping schedule)
            throws ConfigException {
        ConfigNode node = schedule.optional("overrides");
        if (node == null) {
            return List.of();
        }
        List<ScheduleOverride> out = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(OVERRIDE_KEYS);
            String engineer = m.required("engineer").string();
            long startsAt = m.required("starts_at").time();
            ConfigNode endNode = m.required("ends_at");
            long endsAt = endNode.time();
            if (endsAt <= startsAt) {
                throw endNode.error("must be after starts_at");
            }
            out.add(new ScheduleOverride(engineer, startsAt, endsAt));
        }
        return out;
    }

    Map<String, EscalationPolicy> policies(
            ConfigNode node, Set<String> schedules, Set<String> engineers) throws ConfigException {
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
                steps.add(step(stepNode, schedules, engineers));
            }
            if (steps.isEmpty()) {
                throw stepsNode.error("a policy needs at least one step");
            }
            ConfigNode repeatNode = m.optional("repeat");
            int repeat = repeatNode == null ? 0 : repeatNode.integer(0);
            Duration repeatAfter = steps.get(steps.size() - 1).after();
            ConfigNode repeatAfterNode = m.optional("repeat_after");
            if (repeatAfterNode != null) {
                repeatAfter = repeatAfterNode.duration();
            }
            if (repeat > 0 && repeatAfter.isZero()) {
                throw (repeatAfterNode != null ? repeatAfterNode : repeatNode)
                        .error(
                                "a repeated policy needs a wait before it repeats (expected"
                                        + " repeat_after, or a last step whose after is not 0s)");
            }
            ConfigNode finalNode = m.optional("final_action");
            EscalationPolicy.FinalAction finalAction =
                    finalNode == null ? EscalationPolicy.FinalAction.STOP : finalAction(finalNode);
            ConfigNode restrictNode = m.optional("restrict_acks");
            boolean restrict = restrictNode != null && restrictNode.bool();
            out.put(
                    name,
                    new EscalationPolicy(
                            name, List.copyOf(steps), repeat, repeatAfter, finalAction, restrict));
        }
        return Collections.unmodifiableMap(out);
    }

    private static EscalationPolicy.FinalAction finalAction(ConfigNode node)
            throws ConfigException {
        String text = node.string();
        List<String> words = new ArrayList<>();
        for (EscalationPolicy.FinalAction a : EscalationPolicy.FinalAction.values()) {
            if (a.text().equals(text)) {
                return a;
            }
            words.add(a.text());
        }
        throw node.error(
                "unknown final action \""
                        + text
                        + "\" (expected one of "
                        + String.join(", ", words)
                        + ")");
    }

    private EscalationPolicy.Step step(
            ConfigNode node, Set<String> schedules, Set<String> engineers) throws ConfigException {
        ConfigNode.Mapping m = node.mapping(STEP_KEYS);
        Duration after = m.required("after").duration();
        List<String> onCall = references(m.optional("schedules"), schedules, "schedule");
        List<String> users = references(m.optional("users"), engineers, "engineer");
        List<String> direct = references(m.optional("receivers"), receivers, "receiver");
        if (onCall.isEmpty() && users.isEmpty() && direct.isEmpty()) {
            throw node.error("a step needs schedules, users or receivers to page");
        }
        return new EscalationPolicy.Step(after, onCall, users, direct);
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
