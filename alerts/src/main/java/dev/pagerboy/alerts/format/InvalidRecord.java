package dev.pagerboy.alerts.format;

/**
 * A record that cannot be read, with the reason a person needs to fix its producer ({@code invalid
 * JSON at line 1 column 17: …}, {@code alertmanager: alerts[2].labels missing}). The job turns the
 * message into a dead-letter reason verbatim, so the wording is part of the contract
 * (docs/INGEST.md lists the reasons). Checked, because every reader's caller must decide where a
 * bad record goes; it carries no stack trace, since bad input is not a bug.
 */
public final class InvalidRecord extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidRecord(String reason) {
        super(reason, null, false, false);
    }
}
