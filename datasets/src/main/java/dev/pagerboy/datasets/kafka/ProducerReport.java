package dev.pagerboy.datasets.kafka;

/**
 * What a producer run achieved.
 *
 * @param alerts alert records acknowledged by the broker
 * @param acks acknowledgment records acknowledged by the broker
 * @param ticks tick records acknowledged by the broker (one a partition per tick)
 * @param bytes payload bytes sent
 * @param elapsedNanos from the first send to the last broker acknowledgment
 */
public record ProducerReport(long alerts, long acks, long ticks, long bytes, long elapsedNanos) {
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Alert records per second. */
    public double alertsPerSecond() {
        return alerts / Math.max(seconds(), 1e-9);
    }

    public String summary() {
        return String.format(
                "sent %d alerts and %d acks (%.1f MB) in %.2f s: %.0f alerts/s",
                alerts, acks, bytes / 1e6, seconds(), alertsPerSecond());
    }
}
