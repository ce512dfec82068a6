package dev.pagerboy.cli;

/**
 * The exit statuses every {@code ./pagerboy} command shares, so scripts can tell failures apart.
 */
public enum ExitStatus {
    /** The command did what it was asked. */
    OK(0),
    /** The command ran and failed: a program faulted, a service could not be reached. */
    FAILED(1),
    /** The command line or an input named on it is wrong; nothing was run. */
    USAGE(2),
    /** The command stopped because it used up its budget (e.g. {@code vm run}'s cycle budget). */
    BUDGET_EXHAUSTED(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
