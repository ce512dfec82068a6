package dev.pagerboy.audit.archive;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL views the shell defines over an archive, each the rows of some {@code kind}s (the archive
 * is one table; docs/ARCHIVE.md and the session-4 contract name the kinds). A view lists the kinds
 * of schema version 2 and, where version 1 stored the same thing under other kinds, those too, so
 * one query reads both versions. A view over kinds the archive does not hold yet (incidents and
 * acks before the job writes them) is simply empty. Every view has all the archive's columns plus
 * the partition columns {@code date} and {@code hour}; {@link #ARCHIVE} is every row.
 */
public enum AuditView {
    ARCHIVE("archive", "every row of the archive, all kinds", List.of()),
    INPUTS(
            "inputs",
            "every input verbatim, with its Kafka coordinates: alert, tick, silence, ack and"
                    + " receipt records",
            List.of("alert_raw", "tick", "silence", "ack_raw", "receipt_raw")),
    ALERTS(
            "alerts",
            "records of the alerts topic as received (kind alert_raw)",
            List.of("alert_raw")),
    DECISIONS(
            "decisions",
            "one decision per alert (v2 kind decision; in v1 archives the dedup, handler and route"
                    + " rows it replaces)",
            List.of("decision", "dedup", "handler", "route")),
    PAGES(
            "pages",
            "every page sent (kind notification); key = idempotency key in v2",
            List.of("notification")),
    INCIDENTS("incidents", "one row per incident transition (kind incident)", List.of("incident")),
    ACKS(
            "acks",
            "one row per ack input's verdict: outcome accepted or the rejection reason (kind ack)",
            List.of("ack")),
    RECEIPTS(
            "receipts",
            "delivery receipts from the dispatchers, verbatim (kind receipt_raw)",
            List.of("receipt_raw")),
    DEAD_LETTERS(
            "dead_letters",
            "inputs that could not be used, reason in outcome (kind dead_letter)",
            List.of("dead_letter")),
    MUTES(
            "mutes",
            "alerts a silence or inhibition kept from a page (kind mute; v1 archives kept these"
                    + " inside flush rows, so the view is empty for them)",
            List.of("mute"));

    private final String viewName;
    private final String description;
    private final List<String> kinds;

    AuditView(String viewName, String description, List<String> kinds) {
        this.viewName = viewName;
        this.description = description;
        this.kinds = kinds;
    }

    /** The name to write in SQL, e.g. {@code pages}. */
    public String viewName() {
        return viewName;
    }

    public String description() {
        return description;
    }

    /** The {@code kind} texts the view selects; empty for {@link #ARCHIVE} (all rows). */
    public List<String> kinds() {
        return kinds;
    }

    /** The body of {@code CREATE VIEW <name> AS ...} over the table {@code source}. */
    String select(String source) {
        if (kinds.isEmpty()) {
            return "SELECT * FROM " + source;
        }
        return "SELECT * FROM "
                + source
                + " WHERE kind IN ("
                + kinds.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))
                + ")";
    }
}
