package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RoutedAlert;
import java.util.Comparator;

/**
 * The one order in which a keyed function processes alerts it buffered until the watermark: by
 * event time, then by source position (topic, partition, offset, index within the record), then by
 * event id. It depends only on the alerts' content, never on which arrived first, so live runs and
 * replays that deliver the same alerts in a different interleaving decide the same way.
 */
final class ArrivalOrder {

    static final Comparator<Alert> ALERTS =
            Comparator.comparingLong(Alert::eventTime)
                    .thenComparing(Alert::sourceRef, ArrivalOrder::compareSourceRefs)
                    .thenComparing(
                            Alert::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The same order for alerts on their way into groups. */
    static final Comparator<RoutedAlert> ROUTED =
            Comparator.comparingLong(RoutedAlert::eventTime)
                    .thenComparing(RoutedAlert::sourceRef, ArrivalOrder::compareSourceRefs)
                    .thenComparing(
                            RoutedAlert::eventId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private ArrivalOrder() {}

    /**
     * Compares {@code topic/partition/offset[#index]} references with numeric parts compared as
     * numbers, so offset 9 comes before offset 10.
     */
    static int compareSourceRefs(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] x = a.split("[/#]");
        String[] y = b.split("[/#]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = comparePart(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int comparePart(String a, String b) {
        boolean numeric = !a.isEmpty() && !b.isEmpty() && isDigits(a) && isDigits(b);
        if (numeric && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
