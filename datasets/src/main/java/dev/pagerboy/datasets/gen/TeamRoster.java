package dev.pagerboy.datasets.gen;

import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.datasets.rules.AlertRule;
import dev.pagerboy.datasets.rules.RuleCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owns which alerts in a generated stream. Each rule group of the catalog (13 from
 * awesome-prometheus-alerts plus {@code kubernetes}) is a team; with more teams than groups, team
 * {@code t} is replica {@code t / groups} of group {@code t mod groups} and is named {@code
 * <group>-<replica+1>}. A series (one fingerprint) is a rule, a replica and an instance of the
 * rule's service: {@code <service>-NN} (replica 0) or {@code <service>-<replica+1>-NN}.
 */
public final class TeamRoster {
    /** One team per rule group of the bundled catalog. */
    public static final int DEFAULT_TEAMS = 14;

    private final RuleCatalog catalog;
    private final List<String> groups;
    private final int[] groupOfRule;
    private final int teams;
    private final int instancesPerService;

    public TeamRoster(RuleCatalog catalog, int teams, int instancesPerService) {
        this.catalog = catalog;
        this.groups = catalog.teams();
        if (teams < groups.size()) {
            throw new IllegalArgumentException(
                    "--teams must be at least "
                            + groups.size()
                            + " (one per rule group of the catalog), got "
                            + teams);
        }
        Map<String, Integer> groupIndex = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            groupIndex.put(groups.get(g), g);
        }
        groupOfRule = new int[catalog.size()];
        for (int r = 0; r < catalog.size(); r++) {
            groupOfRule[r] = groupIndex.get(catalog.get(r).team());
        }
        this.teams = teams;
        this.instancesPerService = instancesPerService;
    }

    public int teams() {
        return teams;
    }

    public int rules() {
        return catalog.size();
    }

    public int instancesPerService() {
        return instancesPerService;
    }

    /** How many teams share the rule group of this rule. */
    public int replicasOfRule(int rule) {
        int g = groupOfRule[rule];
        return (teams - g + groups.size() - 1) / groups.size();
    }

    /** A series key that packs rule, replica and instance (each well inside its bit field). */
    public static long seriesKey(int rule, int replica, int instance) {
        return ((long) rule << 40) | ((long) replica << 16) | instance;
    }

    public static int rule(long series) {
        return (int) (series >>> 40);
    }

    public static int replica(long series) {
        return (int) ((series >>> 16) & 0xFF_FFFF);
    }

    public static int instance(long series) {
        return (int) (series & 0xFFFF);
    }

    public String teamName(long series) {
        String group = groups.get(groupOfRule[rule(series)]);
        int replica = replica(series);
        return replica == 0 ? group : group + "-" + (replica + 1);
    }

    public LabelSet labels(long series) {
        AlertRule rule = catalog.get(rule(series));
        return LabelSet.of(
                "alertname", rule.alertname(),
                "severity", rule.severity(),
                "service", rule.service(),
                "team", teamName(series),
                "instance", instanceName(series));
    }

    public LabelSet annotations(long series) {
        AlertRule rule = catalog.get(rule(series));
        return LabelSet.of(
                "summary",
                rule.summary() + " on " + instanceName(series),
                "description",
                rule.description());
    }

    private String instanceName(long series) {
        AlertRule rule = catalog.get(rule(series));
        int replica = replica(series);
        int instance = instance(series);
        String number = instance < 10 ? "0" + instance : String.valueOf(instance);
        return replica == 0
                ? rule.service() + "-" + number
                : rule.service() + "-" + (replica + 1) + "-" + number;
    }
}
