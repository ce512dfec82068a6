package dev.pagerboy.dispatcher.delivery;

/**
 * One attempt to deliver a page did not succeed. The two subclasses are the retry decision: {@link
 * RetryableFailure} (the receiver may take it later) and {@link FinalFailure} (it never will). The
 * message is the one-line reason a failed receipt carries.
 */
public abstract sealed class DeliveryFailure extends Exception
        permits RetryableFailure, FinalFailure {

    DeliveryFailure(String reason) {
        super(reason, null, false, false);
    }
}
