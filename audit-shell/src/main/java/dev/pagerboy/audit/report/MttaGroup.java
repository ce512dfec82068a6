package dev.pagerboy.audit.report;

/**
 * Time to acknowledge of one group of incidents. Percentiles are nearest-rank over the acknowledged
 * incidents' times (the smallest time with at least p % of them at or below it), in ms; {@code -1}
 * when none was acknowledged.
 *
 * @param label the team, route or engineer
 * @param incidents incidents in the group
 * @param acknowledged of which acknowledged
 * @param beforeEscalation of which acknowledged before a second level was paged
 */
public record MttaGroup(
        String label,
        int incidents,
        int acknowledged,
        int beforeEscalation,
        long meanMillis,
        long p50Millis,
        long p90Millis,
        long p99Millis) {

    /** Share of the group's incidents acknowledged before escalation, 0..1. */
    public double shareBeforeEscalation() {
        return incidents == 0 ? 0 : (double) beforeEscalation / incidents;
    }
}
