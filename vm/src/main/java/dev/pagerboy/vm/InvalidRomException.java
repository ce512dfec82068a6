package dev.pagerboy.vm;

/** A ROM image that cannot be loaded; the message names the problem in words a user can act on. */
public final class InvalidRomException extends Exception {

    public InvalidRomException(String message) {
        super(message);
    }

    public InvalidRomException(String message, Throwable cause) {
        super(message, cause);
    }
}
