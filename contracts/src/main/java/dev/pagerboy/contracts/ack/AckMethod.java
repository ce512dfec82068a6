package dev.pagerboy.contracts.ack;

/**
 * Who produced an acknowledgment's signature. The code is the {@code uint8} in the leaf and matches
 * {@code AlertLedger.METHOD_*}.
 */
public enum AckMethod {
    /** The engineer signed the acknowledgment message with their own key. */
    SELF_SIGNED(0),
    /** The engineer used a one-time link; the ack gateway signed on their behalf. */
    GATEWAY_ONE_TIME_LINK(1);

    private final int code;

    AckMethod(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AckMethod fromCode(int code) {
        for (AckMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown acknowledgment method code " + code);
    }
}
