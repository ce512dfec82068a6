package dev.pagerboy.audit.report;

import dev.pagerboy.audit.AuditException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code report mtta --by} groups incidents by. */
public enum MttaDimension {
    /** The team of the receiver the incident's first page went to (from --config). */
    TEAM,
    /** The route of the group that opened the incident. */
    ROUTE,
    /** Who acknowledged it first; unacknowledged incidents are left out. */
    ENGINEER;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MttaDimension parse(String text) {
        for (MttaDimension d : values()) {
            if (d.text().equals(text)) {
                return d;
            }
        }
        throw new AuditException(
                "--by: unknown dimension '"
                        + text
                        + "' (expected "
                        + Arrays.stream(values())
                                .map(MttaDimension::text)
                                .collect(Collectors.joining(", "))
                        + ")");
    }
}
