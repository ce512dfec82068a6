package dev.pagerboy.tools.chaos;

/**
 * The balance of one run against its input and the fault-free run: every input record archived
 * exactly once, and the read_committed notifications and incident transitions equal to the
 * fault-free run's, copy for copy ({@link Copies}).
 *
 * @param inputs records on the alerts topic
 * @param archiveMissing inputs with no {@code alert_raw} row
 * @param archiveDuplicated extra {@code alert_raw} rows (an input archived twice or more)
 * @param pages the notifications compared with the fault-free run's
 * @param incidents the incident transitions compared with the fault-free run's
 */
record Books(
        long inputs, long archiveMissing, long archiveDuplicated, Copies pages, Copies incidents) {

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
        return new Books(
                input.inputs(),
                missing,
                extra,
                Copies.compare(run.notifications(), baseline.notifications()),
                Copies.compare(run.incidents(), baseline.incidents()));
    }

    long notifications() {
        return pages.count();
    }

    long expectedNotifications() {
        return pages.expected();
    }

    /** Notifications and incident transitions of the fault-free run that the run lacks. */
    long lost() {
        return pages.lost() + incidents.lost();
    }

    /** Extra copies of notifications and incident transitions. */
    long duplicated() {
        return pages.duplicated() + incidents.duplicated();
    }

    boolean balanced() {
        return archiveMissing == 0
                && archiveDuplicated == 0
                && pages.balanced()
                && incidents.balanced();
    }

    /** Adds the book rows to a report. */
    void addTo(ScenarioReport report) {
        report.check(
                "inputs archived", inputs - archiveMissing + " of " + inputs, archiveMissing == 0);
        report.check(
                "inputs archived twice", String.valueOf(archiveDuplicated), archiveDuplicated == 0);
        pages.addTo(report, "notifications");
        incidents.addTo(report, "incident transitions");
    }
}
