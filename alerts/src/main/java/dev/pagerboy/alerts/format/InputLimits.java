package dev.pagerboy.alerts.format;

import dev.pagerboy.alerts.Rfc3339;
import java.util.Map;

/**
 * The largest alert the readers accept, and the times they believe. Alertmanager has no such
 * limits, but every label is held in keyed state, hashed into fingerprints and group keys, copied
 * into each notification and written to the archive, so one producer's 1 MB label or 10,000 labels
 * would cost every later stage and every checkpoint; a startsAt in year 1 or 9999 is a producer's
 * bug, not an alert, and would arm timers or expire state at absurd times. A record over a limit is
 * a dead letter whose reason names the field and the limit. docs/INGEST.md lists them.
 */
public final class InputLimits {

    /** Labels per alert, after empty values are dropped. */
    public static final int MAX_LABELS = 256;

    /** Annotations per alert. */
    public static final int MAX_ANNOTATIONS = 256;

    /** Characters (UTF-16 units) in a label or annotation name. */
    public static final int MAX_NAME_CHARS = 256;

    /** Characters (UTF-16 units) in a label value: labels are identity, kept in state and keys. */
    public static final int MAX_LABEL_VALUE_CHARS = 4_096;

    /** Characters (UTF-16 units) in an annotation value: descriptions and runbooks may be long. */
    public static final int MAX_ANNOTATION_VALUE_CHARS = 65_536;

    /** The earliest time an alert may carry: 1970-01-01T00:00:00Z, epoch milliseconds. */
    public static final long MIN_TIME_MS = 0L;

    /** The first time an alert may not carry: 2100-01-01T00:00:00Z, epoch milliseconds. */
    public static final long MAX_TIME_MS = 4_102_444_800_000L;

    private InputLimits() {}

    /** Rejects label sets over {@link #MAX_LABELS} or with a too long name or value. */
    static void checkLabels(Map<String, String> labels, String path, String prefix)
            throws InvalidRecord {
        check(labels, path, prefix, MAX_LABELS, "labels", MAX_LABEL_VALUE_CHARS);
    }

    /** Rejects annotations over {@link #MAX_ANNOTATIONS} or with a too long name or value. */
    static void checkAnnotations(Map<String, String> annotations, String path, String prefix)
            throws InvalidRecord {
        check(
                annotations,
                path,
                prefix,
                MAX_ANNOTATIONS,
                "annotations",
                MAX_ANNOTATION_VALUE_CHARS);
    }

    /** True when the pairs are within the limits that {@link #checkLabels} enforces. */
    static boolean labelsWithin(Map<String, String> labels) {
        return within(labels, MAX_LABELS, MAX_LABEL_VALUE_CHARS);
    }

    /** True when the pairs are within the limits that {@link #checkAnnotations} enforces. */
    static boolean annotationsWithin(Map<String, String> annotations) {
        return within(annotations, MAX_ANNOTATIONS, MAX_ANNOTATION_VALUE_CHARS);
    }

    /** True when {@code ms} lies in [{@link #MIN_TIME_MS}, {@link #MAX_TIME_MS}). */
    static boolean timeWithin(long ms) {
        return ms >= MIN_TIME_MS && ms < MAX_TIME_MS;
    }

    /** Rejects a time outside [{@link #MIN_TIME_MS}, {@link #MAX_TIME_MS}). */
    static void checkTime(long ms, String path, String prefix) throws InvalidRecord {
        if (!timeWithin(ms)) {
            throw new InvalidRecord(
                    prefix
                            + path
                            + " "
                            + new Rfc3339().format(ms)
                            + " is outside 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z");
        }
    }

    private static boolean within(Map<String, String> pairs, int maxPairs, int maxValueChars) {
        if (pairs.size() > maxPairs) {
            return false;
        }
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (e.getKey().length() > MAX_NAME_CHARS || e.getValue().length() > maxValueChars) {
                return false;
            }
        }
        return true;
    }

    private static void check(
            Map<String, String> pairs,
            String path,
            String prefix,
            int maxPairs,
            String what,
            int maxValueChars)
            throws InvalidRecord {
        if (pairs.size() > maxPairs) {
            throw new InvalidRecord(
                    prefix
                            + path
                            + ": "
                            + pairs.size()
                            + " "
                            + what
                            + ", more than the limit of "
                            + maxPairs);
        }
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            String name = e.getKey();
            if (name.length() > MAX_NAME_CHARS) {
                throw new InvalidRecord(
                        prefix
                                + path
                                + ": a name of "
                                + name.length()
                                + " characters, longer than the limit of "
                                + MAX_NAME_CHARS);
            }
            if (e.getValue().length() > maxValueChars) {
                throw new InvalidRecord(
                        prefix
                                + path
                                + "."
                                + name
                                + ": "
                                + e.getValue().length()
                                + " characters, longer than the limit of "
                                + maxValueChars);
            }
        }
    }
}
