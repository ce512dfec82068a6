package dev.pagerboy.alerts;

/**
 * What a notification says about its alert. Alertmanager and the native format know firing and
 * resolved; {@link #ACKNOWLEDGED} comes only from a PagerDuty {@code acknowledge} event.
 */
public enum AlertStatus {
    FIRING("firing"),
    RESOLVED("resolved"),
    ACKNOWLEDGED("acknowledged");

    private final String wire;

    AlertStatus(String wire) {
        this.wire = wire;
    }

    /** The word the wire formats and the job's records use. */
    public String wire() {
        return wire;
    }
}
