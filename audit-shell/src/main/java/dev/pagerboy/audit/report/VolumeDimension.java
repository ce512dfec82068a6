package dev.pagerboy.audit.report;

import dev.pagerboy.audit.AuditException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code report volume} counts by. */
public enum VolumeDimension {
    /** Alerts received and pages sent per event hour (UTC), every hour of the archive's stretch. */
    HOUR,
    /** Pages sent per route (the route id of the page's group). */
    ROUTE;

    /** The text typed after {@code --by}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VolumeDimension parse(String text) {
        for (VolumeDimension d : values()) {
            if (d.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new AuditException(
                "--by: unknown dimension '"
                        + text
                        + "' (expected "
                        + Arrays.stream(values())
                                .map(VolumeDimension::text)
                                .collect(Collectors.joining(" or "))
                        + ")");
    }
}
