package dev.pagerboy.tools.chaos;

import java.util.List;
import java.util.Map;

/**
 * One output of a run compared with the same output of the reference run, copy for copy: records by
 * identity (a notification's idempotency key, an incident transition's {@code
 * <incidentId>/<sequence>}, an ack receipt's leaf digest), every copy kept so that a duplicate
 * shows.
 *
 * @param count records of the run
 * @param expected records of the reference
 * @param lost reference records the run lacks
 * @param duplicated extra copies of a record (same identity)
 * @param differing records whose identity the reference lacks, or whose bytes differ
 */
record Copies(long count, long expected, long lost, long duplicated, long differing) {

    static Copies compare(Map<String, List<String>> run, Map<String, List<String>> reference) {
        long lost = 0;
        long duplicated = 0;
        long differing = 0;
        for (Map.Entry<String, List<String>> e : reference.entrySet()) {
            List<String> got = run.get(e.getKey());
            lost += Math.max(0, e.getValue().size() - (got == null ? 0 : got.size()));
        }
        for (Map.Entry<String, List<String>> e : run.entrySet()) {
            List<String> want = reference.get(e.getKey());
            int expected = want == null ? 0 : want.size();
            duplicated += Math.max(0, e.getValue().size() - Math.max(1, expected));
            if (want == null) {
                differing += 1;
            } else {
                for (String value : e.getValue()) {
                    if (!want.contains(value)) {
                        differing++;
                    }
                }
            }
        }
        return new Copies(count(run), count(reference), lost, duplicated, differing);
    }

    static long count(Map<String, List<String>> records) {
        return records.values().stream().mapToLong(List::size).sum();
    }

    boolean balanced() {
        return lost == 0 && duplicated == 0 && differing == 0;
    }

    /** Adds the rows of this comparison, named after {@code what}, to a report. */
    void addTo(ScenarioReport report, String what) {
        report.check(what + " (fault-free run)", count + " (" + expected + ")", count == expected);
        report.check(what + " lost", String.valueOf(lost), lost == 0);
        report.check(what + " duplicated", String.valueOf(duplicated), duplicated == 0);
        report.check(what + " differing", String.valueOf(differing), differing == 0);
    }
}
