package dev.pagerboy.audit.query;

/** The file formats {@code sql} writes a whole result to. */
public enum ExportFormat {
    /** RFC 4180: a header line, fields quoted when they hold a comma, quote or line break. */
    CSV,
    /** One JSON array of objects, one per row, keyed by column name; BLOBs as base64. */
    JSON
}
