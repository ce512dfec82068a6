package dev.pagerboy.datasets.cli;

/** A command line that cannot run as given: the CLI prints the message and exits with status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
