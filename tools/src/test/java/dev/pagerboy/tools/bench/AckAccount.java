package dev.pagerboy.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.anchor.AckBatch;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.incidents.AckVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every ack of a finished bounded run, accounted for from the three places that record it: the
 * archive (each ack's verdict row, {@code ack}, and each anchored ack's {@code ack_receipt} row),
 * the committed Kafka output (the {@code ack-receipts} topic and the dead letters of the acks
 * topic) and the chain (the {@code Anchored} events: batches and their leaf counts).
 *
 * <p>The accepted acks are read from the archive's verdict rows, not taken as "acks sent minus dead
 * letters": an ack that got no verdict at all would otherwise count as accepted, and a dead letter
 * not yet visible would make an accepted ack look missing.
 *
 * @param accepted the incident ids of the {@code accepted} verdict rows (one per accepted ack)
 * @param rejected the rejected verdict rows' incident ids, by verdict
 * @param archivedReceipts the {@code ack_receipt} rows: incident id → batch id
 * @param receipts the committed receipts of the {@code ack-receipts} topic
 * @param deadLetters committed dead letters from the acks topic
 * @param anchors the {@code Anchored} events of ack batches (not of the archive's hour roots)
 */
record AckAccount(
        List<String> accepted,
        Map<AckVerdict, List<String>> rejected,
        Map<String, String> archivedReceipts,
        List<AckReceipt> receipts,
        long deadLetters,
        List<AnchorEvent> anchors) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final int ANCHOR_LIMIT = 100_000;

    /** Reads the account of a finished run with archive {@code archive}. */
    static AckAccount read(
            Path archive,
            String bootstrapServers,
            KafkaSettings.Topics topics,
            LedgerEndpoint chain)
            throws IOException {
        List<String> accepted = new ArrayList<>();
        Map<AckVerdict, List<String>> rejected = new TreeMap<>();
        Map<String, String> archivedReceipts = new TreeMap<>();
        for (ArchiveRecord r : ParquetArchive.reader(archive).readAll()) {
            if (r.kind() == ArchiveKind.ACK) {
                AckVerdict verdict = AckVerdict.valueOf(r.outcome().toUpperCase(Locale.ROOT));
                if (verdict == AckVerdict.ACCEPTED) {
                    accepted.add(r.key());
                } else {
                    rejected.computeIfAbsent(verdict, v -> new ArrayList<>()).add(r.key());
                }
            } else if (r.kind() == ArchiveKind.ACK_RECEIPT) {
                archivedReceipts.put(
                        r.key(), JSON.readTree(r.payloadJson()).path("batchId").asText());
            }
        }
        List<AckReceipt> receipts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topics.ackReceipts(), READ_TIMEOUT)) {
            receipts.add(JSON.readValue(r.value(), AckReceipt.class));
        }
        long deadLetters = ackDeadLetters(bootstrapServers, topics);
        List<AnchorEvent> anchors = new ArrayList<>();
        try (LedgerClient ledger = chain.connect()) {
            for (AnchorEvent a : ledger.latestAnchors(ANCHOR_LIMIT)) {
                // The archive's hour roots share the contract; an ack batch's id is its content
                // address, which no hour root's id is.
                if (AckBatch.idOf(a.root(), a.leafCount()).equals(a.batchId())) {
                    anchors.add(a);
                }
            }
        }
        return new AckAccount(accepted, rejected, archivedReceipts, receipts, deadLetters, anchors);
    }

    /** The committed dead letters of records of the acks topic, as a reader sees them now. */
    static long ackDeadLetters(String bootstrapServers, KafkaSettings.Topics topics)
            throws IOException {
        long count = 0;
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topics.deadLetters(), READ_TIMEOUT)) {
            JsonNode letter = JSON.readTree(r.value());
            if (topics.acks().equals(letter.path("topic").asText())) {
                count++;
            }
        }
        return count;
    }

    /** Acks with a verdict row, accepted or rejected. */
    long decided() {
        return accepted.size() + rejectedCount();
    }

    long rejectedCount() {
        return rejected.values().stream().mapToLong(List::size).sum();
    }

    /** Leaves of every batch on the chain. */
    long anchoredLeaves() {
        return anchors.stream().mapToLong(AnchorEvent::leafCount).sum();
    }

    /** Accepted acks (by incident id) with no committed receipt, each as often as it is missing. */
    List<String> acceptedWithoutReceipt() {
        Map<String, Integer> receipted = new HashMap<>();
        receipts.forEach(r -> receipted.merge(r.incidentId(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (String id : accepted) {
            if (receipted.merge(id, -1, Integer::sum) < 0) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** What a failure message needs to tell a lost receipt from one not yet read, and where. */
    String describe() {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        "verdict rows: %d accepted, %d rejected %s; dead letters of acks: %d;"
                                + " receipts: %d committed, %d archived; chain: %d batches, %d"
                                + " leaves",
                        accepted.size(),
                        rejectedCount(),
                        counts(rejected),
                        deadLetters,
                        receipts.size(),
                        archivedReceipts.size(),
                        anchors.size(),
                        anchoredLeaves()));
        Map<String, Long> byBatch = new TreeMap<>();
        receipts.forEach(r -> byBatch.merge(r.batchId(), 1L, Long::sum));
        for (AnchorEvent a : anchors) {
            s.append(
                    String.format(
                            "%n  batch %s: %d leaves on the chain (block %d), %d committed"
                                    + " receipts",
                            a.batchId().toHex(),
                            a.leafCount(),
                            a.blockNumber(),
                            byBatch.getOrDefault(a.batchId().toHex(), 0L)));
        }
        rejected.forEach(
                (verdict, ids) ->
                        s.append("\n")
                                .append(verdict.text())
                                .append(": ")
                                .append(ids.subList(0, Math.min(ids.size(), 20))));
        List<String> missing = acceptedWithoutReceipt();
        s.append("\naccepted acks without a committed receipt: ").append(missing.size());
        for (String id : missing.subList(0, Math.min(missing.size(), 20))) {
            String batch = archivedReceipts.get(id);
            s.append("\n  incident ")
                    .append(id)
                    .append(
                            batch == null
                                    ? ": no ack_receipt row either"
                                    : ": archived receipt in batch " + batch);
        }
        return s.toString();
    }

    private static String counts(Map<AckVerdict, List<String>> byVerdict) {
        Map<String, Integer> counts = new TreeMap<>();
        byVerdict.forEach((v, ids) -> counts.put(v.text(), ids.size()));
        return counts.toString();
    }
}
