package dev.pagerboy.audit.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.contracts.ack.AckReceipt;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the acknowledgments out of an archive: accepted {@code ack} rows and {@code ack_receipt}
 * rows. A row whose payload cannot be read is kept as a {@link Malformed}, so that verification
 * reports it instead of skipping it.
 */
final class ArchivedAcks {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A row that could not be read, and why. */
    record Malformed(String rowId, String reason) {}

    /** What an archive holds. */
    record Contents(
            List<ArchivedAck> acks,
            List<String> receiptRowIds,
            List<AckReceipt> receipts,
            List<Malformed> malformed) {}

    private ArchivedAcks() {}

    static Contents read(ArchiveDatabase db) {
        List<ArchivedAck> acks = new ArrayList<>();
        List<String> receiptIds = new ArrayList<>();
        List<AckReceipt> receipts = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        try (Statement s = db.connection().createStatement()) {
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT id, key, payload_json FROM archive"
                                    + " WHERE kind = 'ack' AND outcome = 'accepted' ORDER BY id")) {
                while (r.next()) {
                    String id = r.getString(1);
                    try {
                        JsonNode p = JSON.readTree(r.getString(3));
                        acks.add(
                                new ArchivedAck(
                                        id,
                                        p.path("incidentId").asText(r.getString(2)),
                                        p.path("fingerprint").asText(""),
                                        p.path("engineer").asText(""),
                                        p.path("ackedAt").asLong(-1),
                                        p.path("signatureHash").asText("")));
                    } catch (IOException e) {
                        malformed.add(new Malformed(id, "payload is not JSON: " + e.getMessage()));
                    }
                }
            }
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT id, payload_json FROM archive WHERE kind = 'ack_receipt'"
                                    + " ORDER BY id")) {
                while (r.next()) {
                    String id = r.getString(1);
                    try {
                        receipts.add(JSON.readValue(r.getString(2), AckReceipt.class));
                        receiptIds.add(id);
                    } catch (IOException e) {
                        malformed.add(
                                new Malformed(id, "receipt is not readable: " + e.getMessage()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new AuditException("cannot read the acks of " + db.dir() + ": " + e, e);
        }
        return new Contents(acks, receiptIds, receipts, malformed);
    }
}
