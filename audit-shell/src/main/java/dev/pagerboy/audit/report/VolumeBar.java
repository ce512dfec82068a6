package dev.pagerboy.audit.report;

/**
 * One bar of the volume report.
 *
 * @param label the hour ({@code 2026-12-06 04:00}) or the route id
 * @param alerts alerts received in the hour, or -1 where not counted (by route)
 * @param pages pages sent
 */
public record VolumeBar(String label, long alerts, long pages) {

    /** The value the bar's length shows: alerts by hour, pages by route. */
    public long value() {
        return alerts >= 0 ? alerts : pages;
    }
}
