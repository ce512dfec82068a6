package dev.pagerboy.audit.verify;

/** What {@code ack verify} found for one acknowledgment. */
public enum AckStatus {
    /** Its leaf, recomputed from the archive, is under the root on the chain (checked twice). */
    VERIFIED("verified"),
    /** The archive and the chain disagree; the reason names the row and the difference. */
    FAILED("failed"),
    /** Accepted by the job but without an {@code ack_receipt} row yet: not anchored so far. */
    NOT_ANCHORED("not anchored");

    private final String text;

    AckStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
