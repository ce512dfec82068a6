package dev.pagerboy.audit.verify;

/**
 * An {@code ack} row with outcome {@code accepted}: what the job accepted, as archived (the payload
 * of {@code AckRows.verdict} in the job).
 *
 * @param rowId e.g. {@code ack:acks/0/7}
 * @param signatureHash keccak256 of the signature, {@code 0x} hex: links the row to its receipt
 */
record ArchivedAck(
        String rowId,
        String incidentId,
        String fingerprint,
        String engineer,
        long ackedAtMillis,
        String signatureHash) {}
