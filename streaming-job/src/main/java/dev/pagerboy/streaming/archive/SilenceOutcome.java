package dev.pagerboy.streaming.archive;

/**
 * What became of one record of the {@code silences} topic, stored as {@link #text()} in the {@code
 * outcome} column of its {@link ArchiveKind#SILENCE} row. A rejected record also gets a dead-letter
 * row that says why.
 */
public enum SilenceOutcome {
    ACCEPTED("accepted"),
    REJECTED("rejected");

    private final String text;

    SilenceOutcome(String text) {
        this.text = text;
    }

    /** The stored form. */
    public String text() {
        return text;
    }
}
