package dev.pagerboy.audit.verify;

import dev.pagerboy.contracts.Bytes32;
import java.nio.file.Path;

/**
 * One archive row as {@code archive verify} sees it: where it is, what it claims to be, and the
 * digest recomputed from its columns ({@code ArchiveRowDigest}).
 *
 * @param file the committed Parquet file holding it
 * @param fileHour the event hour of the file's {@code date=…/hour=…} directory, or -1 if the path
 *     names none
 * @param raw the {@code raw} column, kept only for {@code archive_root} rows (their leaf list)
 */
record ArchivedRow(
        Path file,
        long fileHour,
        String id,
        String kind,
        long eventTime,
        String payloadJson,
        byte[] raw,
        Bytes32 digest) {

    static final String ARCHIVE_ROOT = "archive_root";
    static final String ACK_RECEIPT = "ack_receipt";

    /** Whether the row is under its hour's root (see {@code ArchiveHourRoot.covers}). */
    boolean covered() {
        return !kind.equals(ARCHIVE_ROOT) && !kind.equals(ACK_RECEIPT);
    }

    long hour() {
        return Math.floorDiv(eventTime, HourRoots.HOUR) * HourRoots.HOUR;
    }
}
