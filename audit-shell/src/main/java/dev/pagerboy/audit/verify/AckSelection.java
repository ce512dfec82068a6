package dev.pagerboy.audit.verify;

import dev.pagerboy.audit.AuditException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which acknowledgments {@code ack verify} checks: one (by leaf digest, {@code ack:} or {@code
 * ack_receipt:} row id, or signature hash), those of one incident, or all; optionally only those
 * acknowledged at or after {@code since}.
 *
 * @param ack one acknowledgment, or {@code null}
 * @param incidentId one incident's acknowledgments, or {@code null}
 * @param sinceMillis epoch ms, or {@link Long#MIN_VALUE} for no bound
 */
public record AckSelection(String ack, String incidentId, long sinceMillis) {

    /**
     * The selection the command's options describe; exactly one of {@code ack}, {@code incident},
     * {@code all} must be given.
     */
    public static AckSelection of(String ack, String incident, boolean all, String since) {
        int given = (ack != null ? 1 : 0) + (incident != null ? 1 : 0) + (all ? 1 : 0);
        if (given != 1) {
            throw new AuditException(
                    "ack verify: give one of ID, --incident ID or --all (e.g. ack verify --all)");
        }
        return new AckSelection(ack, incident, since == null ? Long.MIN_VALUE : instant(since));
    }

    /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a UTC date ({@code 2026-12-01}). */
    public static long instant(String text) {
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    : Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new AuditException(
                    "--since: '"
                            + text
                            + "' is not a time (expected 2026-12-01T10:00:00Z or 2026-12-01, UTC)");
        }
    }

    boolean includes(String incident, long ackedAt, String... ids) {
        if (ackedAt < sinceMillis) {
            return false;
        }
        if (incidentId != null) {
            return incidentId.equals(incident);
        }
        if (ack != null) {
            for (String id : ids) {
                if (ack.equalsIgnoreCase(id)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
