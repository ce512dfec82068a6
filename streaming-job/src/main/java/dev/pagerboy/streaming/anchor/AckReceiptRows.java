package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;

/**
 * The {@code ack_receipt} archive row of a receipt: id {@code ack_receipt:<leaf digest>} (the same
 * acknowledgment always gives the same row id), event time = the acknowledgment's time, key = the
 * incident id, outcome {@code anchored}, the whole receipt as payload.
 */
public final class AckReceiptRows {

    static final String ANCHORED = "anchored";

    private AckReceiptRows() {}

    public static ArchiveRecord archiveRow(AckReceipt receipt) {
        return ArchiveRecord.decision(
                ArchiveKind.ACK_RECEIPT.rowId(receipt.leafDigest()),
                ArchiveKind.ACK_RECEIPT,
                receipt.ackedAtMillis(),
                receipt.incidentId(),
                ANCHORED,
                receipt);
    }
}
