package dev.pagerboy.streaming.ingest;

/**
 * Thrown inside the ingest package when a record is invalid; {@link AlertParser} and {@link
 * SilenceParser} catch it and turn its message into a dead-letter reason. It never leaves the
 * package.
 */
final class InvalidInput extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidInput(String reason) {
        super(reason, null, false, false);
    }
}
