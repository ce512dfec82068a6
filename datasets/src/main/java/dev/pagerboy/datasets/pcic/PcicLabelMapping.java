package dev.pagerboy.datasets.pcic;

import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.datasets.rules.AlertRule;
import dev.pagerboy.datasets.rules.RuleCatalog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Gives anonymised PCIC alarms Prometheus-style labels, deterministically. Alarm type {@code k}
 * becomes the catalog rule at index FNV-1a-64({@code pcic2021_alarm_id=k}) mod catalog size, moving
 * to the next index while that alertname is already taken, so the 18 alarm types map to 18 distinct
 * rules (types are assigned in ascending order). Device {@code d} becomes {@code
 * instance="pcic-device-<d>"}. The rule supplies alertname, severity, service and team.
 */
public final class PcicLabelMapping {
    private final Map<Integer, AlertRule> ruleByAlarm = new HashMap<>();

    public PcicLabelMapping(RuleCatalog catalog, Iterable<PcicAlarm> alarms) {
        SortedSet<Integer> alarmIds = new TreeSet<>();
        for (PcicAlarm alarm : alarms) {
            alarmIds.add(alarm.alarmId());
        }
        if (alarmIds.size() > catalog.size()) {
            throw new IllegalArgumentException("more alarm types than rules in the catalog");
        }
        Set<String> taken = new HashSet<>();
        for (int alarmId : alarmIds) {
            long hash = Fingerprint.of(LabelSet.of("pcic2021_alarm_id", String.valueOf(alarmId)));
            int index = (int) Long.remainderUnsigned(hash, catalog.size());
            while (taken.contains(catalog.get(index).alertname())) {
                index = (index + 1) % catalog.size();
            }
            AlertRule rule = catalog.get(index);
            taken.add(rule.alertname());
            ruleByAlarm.put(alarmId, rule);
        }
    }

    public AlertRule rule(int alarmId) {
        AlertRule rule = ruleByAlarm.get(alarmId);
        if (rule == null) {
            throw new IllegalArgumentException("alarm type " + alarmId + " was not mapped");
        }
        return rule;
    }

    public LabelSet labels(PcicAlarm alarm) {
        AlertRule rule = rule(alarm.alarmId());
        return LabelSet.of(
                "alertname", rule.alertname(),
                "severity", rule.severity(),
                "service", rule.service(),
                "team", rule.team(),
                "instance", instance(alarm.deviceId()));
    }

    public LabelSet annotations(PcicAlarm alarm) {
        AlertRule rule = rule(alarm.alarmId());
        return LabelSet.of(
                "summary",
                rule.summary() + " on " + instance(alarm.deviceId()),
                "description",
                rule.description());
    }

    static String instance(int deviceId) {
        return "pcic-device-" + deviceId;
    }
}
