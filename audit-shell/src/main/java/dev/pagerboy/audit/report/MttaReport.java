package dev.pagerboy.audit.report;

import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.incident.IncidentFacts;
import dev.pagerboy.audit.incident.IncidentRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Mean time to acknowledge, its p50/p90/p99 and the share acknowledged before escalation, by team,
 * route or engineer, over the incidents the archive saw triggered.
 */
@Service
public class MttaReport {

    private final IncidentRecords incidents;
    private final AuditSettings settings;

    public MttaReport(IncidentRecords incidents, AuditSettings settings) {
        this.incidents = incidents;
        this.settings = settings;
    }

    public List<MttaGroup> by(MttaDimension dimension, long sinceMillis) {
        Function<IncidentFacts, String> label =
                switch (dimension) {
                    case ROUTE -> IncidentFacts::routeId;
                    case ENGINEER -> IncidentFacts::ackedBy;
                    case TEAM -> team();
                };
        Map<String, List<IncidentFacts>> groups = new TreeMap<>();
        for (IncidentFacts incident : incidents.since(sinceMillis)) {
            if (dimension == MttaDimension.ENGINEER && !incident.acknowledged()) {
                continue;
            }
            groups.computeIfAbsent(label.apply(incident), k -> new ArrayList<>()).add(incident);
        }
        List<MttaGroup> out = new ArrayList<>();
        groups.forEach((name, members) -> out.add(group(name, members)));
        return out;
    }

    private Function<IncidentFacts, String> team() {
        Map<String, String> teams = ReceiverTeams.of(settings, "report mtta --by team");
        return i -> teams.getOrDefault(i.receiver(), "(no team: " + i.receiver() + ")");
    }

    static MttaGroup group(String label, List<IncidentFacts> members) {
        long[] times =
                members.stream()
                        .filter(IncidentFacts::acknowledged)
                        .mapToLong(IncidentFacts::timeToAck)
                        .sorted()
                        .toArray();
        int before = (int) members.stream().filter(IncidentFacts::ackedBeforeEscalation).count();
        long mean =
                times.length == 0
                        ? -1
                        : Math.round(java.util.Arrays.stream(times).average().orElse(0));
        return new MttaGroup(
                label.isEmpty() ? "(none)" : label,
                members.size(),
                times.length,
                before,
                mean,
                percentile(times, 50),
                percentile(times, 90),
                percentile(times, 99));
    }

    /** Nearest rank: the value at position ceil(p/100 × n) of the sorted times (1-based). */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
