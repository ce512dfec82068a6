package dev.pagerboy.vm.handler;

import java.io.IOException;

/** A file that is not a loadable handler ROM; the message says why in words a user can act on. */
public final class InvalidHandlerRomException extends IOException {

    public InvalidHandlerRomException(String message) {
        super(message);
    }
}
