package dev.pagerboy.audit.archive;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL views the shell defines over an archive, each the rows of some {@code kind}s (the archive
 * is one table; docs/ARCHIVE.md and the session-4 contract name the kinds). A view lists the kinds
 * of schema version 2 and, where version 1 stored the same thing under other kinds, those too, so
 * one query reads both versions. A view over kinds the archive does not hold yet (incidents and
 * acks before the job writes them) is simply empty. Every view has all the archive's columns plus
 * the partition columns {@code date} and {@code hour}, and a few views add columns derived from the
 * payload ({@link #LATE_INPUTS}' {@code applied_at}); {@link #ARCHIVE} is every row.
 */
public enum AuditView {
    ARCHIVE("archive", "every row of the archive, all kinds", List.of()),
    INPUTS(
            "inputs",
            "every input, with its Kafka coordinates: alert, tick, silence, ack and receipt"
                    + " records verbatim, and the time a late alert, ack or receipt was applied at"
                    + " (late_input)",
            List.of("alert_raw", "tick", "silence", "ack_raw", "receipt_raw", "late_input")),
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
    LATE_INPUTS(
            "late_inputs",
            "alerts, acks and receipts the job met behind its watermark (kind late_input):"
                    + " event_time is"
                    + " the record's own, applied_at when the job applied it, delay_ms the"
                    + " difference, outcome the stage",
            List.of("late_input"),
            ", event_time + to_milliseconds("
                    + LateInputColumns.DELAY_MS
                    + ") AS applied_at, "
                    + LateInputColumns.DELAY_MS
                    + " AS delay_ms"),
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
    private final String derivedColumns;

    AuditView(String viewName, String description, List<String> kinds) {
        this(viewName, description, kinds, "");
    }

    /**
     * A view that adds {@code derivedColumns} (a select list starting with a comma) after the
     * archive's columns: facts an auditor would otherwise dig out of {@code payload_json}.
     */
    AuditView(String viewName, String description, List<String> kinds, String derivedColumns) {
        this.viewName = viewName;
        this.description = description;
        this.kinds = kinds;
        this.derivedColumns = derivedColumns;
    }

    /**
     * The {@code late_input} payload's {@code appliedAt} (epoch ms) as SQL. Its own class because
     * an enum constant's arguments cannot read the enum's static fields.
     */
    private static final class LateInputColumns {
        static final String DELAY_MS =
                "(CAST(json_extract_string(payload_json, '$.appliedAt') AS BIGINT)"
                        + " - epoch_ms(event_time))";
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

    /** Kinds only schema version 1 wrote (ArchiveKind in the job). */
    private static final java.util.Set<String> V1_ONLY =
            java.util.Set.of("alert", "dedup", "handler", "route", "flush");

    /**
     * The body of {@code CREATE VIEW <name> AS ...} over the table {@code source}. Without version
     * 1 rows the view leaves out the kinds only version 1 wrote: a view of one kind is then {@code
     * kind = '…'}, which DuckDB pushes into the Parquet scan, while an {@code IN} list stays a
     * filter over every row read (docs/BENCHMARKS.md, "Audit shell").
     */
    String select(String source, boolean hasVersion1Rows) {
        List<String> read =
                hasVersion1Rows ? kinds : kinds.stream().filter(k -> !V1_ONLY.contains(k)).toList();
        String columns = "SELECT *" + derivedColumns + " FROM ";
        if (kinds.isEmpty()) {
            return columns + source;
        }
        if (read.size() == 1) {
            return columns + source + " WHERE kind = '" + read.get(0) + "'";
        }
        return columns
                + source
                + " WHERE kind IN ("
                + read.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))
                + ")";
    }
}
