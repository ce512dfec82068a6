package dev.pagerboy.alerts.ack;

/** What an engineer's signed text does to an incident. The word is part of the signed text. */
public enum AckAction {
    /** Acknowledge: I am on it; escalation stops. */
    ACK("ack"),
    /** Take an acknowledgment back; escalation resumes. */
    UNACK("unack"),
    /** Resolve the incident by hand. */
    RESOLVE("resolve");

    private final String word;

    AckAction(String word) {
        this.word = word;
    }

    /** The word in the signed text and in the ack message: {@code ack}, {@code unack}, … */
    public String word() {
        return word;
    }

    /** The action for {@code word}; throws naming the known words. */
    public static AckAction fromWord(String word) {
        for (AckAction a : values()) {
            if (a.word.equals(word)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown action '" + word + "' (expected ack, unack or resolve)");
    }
}
