package dev.pagerboy.contracts.ack;

/**
 * An acknowledgment signature that cannot be accepted: malformed, malleable (high s), or not
 * recoverable. The message says which, for the dead-letter reason.
 */
public class InvalidAckSignatureException extends Exception {

    public InvalidAckSignatureException(String reason) {
        super(reason);
    }

    public InvalidAckSignatureException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
