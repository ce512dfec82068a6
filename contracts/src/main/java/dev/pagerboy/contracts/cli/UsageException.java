package dev.pagerboy.contracts.cli;

/** The command line was wrong; the message says how. Exit status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
