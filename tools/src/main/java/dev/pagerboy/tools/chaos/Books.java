package dev.pagerboy.tools.chaos;

import java.util.List;
import java.util.Map;

/**
 * The balance of one run against its input and the fault-free run: every input record archived
 * exactly once, and the read_committed notifications equal to the fault-free run's, copy for copy.
 *
 * @param inputs records on the alerts topic
 * @param archiveMissing inputs with no {@code alert_raw} row
 * @param archiveDuplicated extra {@code alert_raw} rows (an input archived twice or more)
 * @param notifications committed notifications of the run
 * @param expectedNotifications committed notifications of the fault-free run
 * @param lost notifications of the fault-free run the run did not commit
 * @param duplicated extra copies of a notification (same idempotency key)
 * @param differing notifications whose key the fault-free run lacks or whose bytes differ
 */
record Books(
        long inputs,
        long archiveMissing,
        long archiveDuplicated,
        long notifications,
        long expectedNotifications,
        long lost,
        long duplicated,
        long differing) {

    static Books balance(ChaosInput input, RunOutputs run, RunOutputs baseline) {
        long missing = 0;
        long extra = 0;
        long[] ends = input.partitionEnds();
        for (int p = 0; p < ends.length; p++) {
            for (long o = 0; o < ends[p]; o++) {
                int copies = run.archivedInputs().getOrDefault(p + "/" + o, 0);
                if (copies == 0) {
                    missing++;
                } else {
                    extra += copies - 1;
                }
            }
        }
        long lost = 0;
        long duplicated = 0;
        long differing = 0;
        for (Map.Entry<String, List<String>> e : baseline.notifications().entrySet()) {
            List<String> got = run.notifications().get(e.getKey());
            if (got == null) {
                lost += e.getValue().size();
            } else if (got.size() < e.getValue().size()) {
                lost += e.getValue().size() - got.size();
            }
        }
        for (Map.Entry<String, List<String>> e : run.notifications().entrySet()) {
            List<String> want = baseline.notifications().get(e.getKey());
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
        return new Books(
                input.inputs(),
                missing,
                extra,
                run.notificationCount(),
                baseline.notificationCount(),
                lost,
                duplicated,
                differing);
    }

    boolean balanced() {
        return archiveMissing == 0
                && archiveDuplicated == 0
                && lost == 0
                && duplicated == 0
                && differing == 0;
    }

    /** Adds the book rows to a report. */
    void addTo(ScenarioReport report) {
        report.check(
                "inputs archived", inputs - archiveMissing + " of " + inputs, archiveMissing == 0);
        report.check(
                "inputs archived twice", String.valueOf(archiveDuplicated), archiveDuplicated == 0);
        report.check(
                "notifications (fault-free run)",
                notifications + " (" + expectedNotifications + ")",
                notifications == expectedNotifications);
        report.check("notifications lost", String.valueOf(lost), lost == 0);
        report.check("notifications duplicated", String.valueOf(duplicated), duplicated == 0);
        report.check("notifications differing", String.valueOf(differing), differing == 0);
    }
}
