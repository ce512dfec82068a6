package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The archive row and dead letter of an ack's verdict, written the same way by the parse stage
 * (stateless rejections) and the incident stage (the rest), so an auditor reads one shape.
 */
final class AckRows {

    private AckRows() {}

    /** The {@code ack} row: outcome {@code accepted} or the reason, key the incident id. */
    static ArchiveRecord verdict(
            RawInput input, String incidentId, AckVerdict verdict, String detail, AckClaim claim) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("verdict", verdict.text());
        payload.put("detail", detail);
        payload.put("incidentId", incidentId);
        if (claim != null) {
            payload.put("engineer", claim.engineer());
            payload.put("engineerName", claim.engineerName());
            payload.put("action", claim.action().word());
            payload.put("ackedAt", claim.ackedAt());
            payload.put("fingerprint", claim.fingerprint());
            payload.put("signatureHash", claim.signatureHash());
        }
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                ArchiveKind.ACK.rowId(input.sourceRef()),
                ArchiveKind.ACK,
                input.timestamp(),
                incidentId,
                input.topic(),
                input.partition(),
                input.offset(),
                verdict.text(),
                ArchiveRecord.CanonicalJson.write(payload),
                new byte[0]);
    }

    /** The dead letter of a rejected ack: {@code ack <reason>: <detail>}. */
    static DeadLetter deadLetter(RawInput input, AckVerdict verdict, String detail) {
        return DeadLetter.of(
                input, "ack " + verdict.text() + (detail.isEmpty() ? "" : ": " + detail));
    }
}
