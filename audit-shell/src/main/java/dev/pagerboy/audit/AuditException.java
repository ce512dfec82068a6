package dev.pagerboy.audit;

/**
 * A user error the shell reports as one line (no stack trace unless {@code --debug}): a missing
 * archive, a bad SQL statement, an unwritable output file. The message says what is wrong and,
 * where there is one, how to fix it, e.g. {@code no archive is open: pass --archive DIR to
 * ./pagerboy audit or run 'archive open DIR'}.
 */
public class AuditException extends RuntimeException {

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
