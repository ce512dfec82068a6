package dev.pagerboy.datasets.model;

/** Whether a notification says an alert is firing or has resolved. */
public enum AlertStatus {
    FIRING("firing"),
    RESOLVED("resolved");

    private final String wire;

    AlertStatus(String wire) {
        this.wire = wire;
    }

    /** The word the webhook formats use. */
    public String wire() {
        return wire;
    }
}
