package dev.pagerboy.contracts.ledger;

/** A ledger operation failed; the message says what and what to do about it. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
