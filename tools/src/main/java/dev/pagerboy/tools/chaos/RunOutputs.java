package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveReader;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one finished run left behind, as a downstream reader sees it: the read_committed
 * notifications (by idempotency key, every copy kept so duplicates show), the read_committed
 * incident transitions (by {@code <incidentId>/<sequence>}, every copy kept), the read_committed
 * ack receipts (by leaf digest, each copy's batch id), the read_committed dead letters counted by
 * reason, and, from the committed Parquet archive, how often each input record ({@code alert_raw}
 * row, by partition and offset) was archived.
 */
record RunOutputs(
        Map<String, List<String>> notifications,
        Map<String, List<String>> incidents,
        Map<String, List<String>> ackReceipts,
        Map<String, Long> deadLettersByReason,
        long deadLetters,
        Map<String, Integer> archivedInputs,
        Map<String, Long> archiveFaults) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A deadline, not a wait: a million-alert run has about a gigabyte of outputs to read. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    static RunOutputs read(String bootstrap, JobRun.Spec spec, String alertsTopic)
            throws Exception {
        CommittedRecords.awaitSettled(bootstrap, READ_TIMEOUT);
        Map<String, List<String>> notifications = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrap, spec.notifications(), READ_TIMEOUT)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            notifications
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new String(r.value(), StandardCharsets.UTF_8));
        }
        Map<String, List<String>> incidents = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrap, spec.incidents(), READ_TIMEOUT)) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            JsonNode update = JSON.readTree(value);
            String ref =
                    update.path("incidentId").asText() + "/" + update.path("sequence").asText();
            incidents.computeIfAbsent(ref, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> ackReceipts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrap, spec.ackReceipts(), READ_TIMEOUT)) {
            JsonNode receipt = JSON.readTree(r.value());
            ackReceipts
                    .computeIfAbsent(receipt.path("leafDigest").asText(), k -> new ArrayList<>())
                    .add(receipt.path("batchId").asText());
        }
        Map<String, Long> reasons = new TreeMap<>();
        long deadLetters = 0;
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrap, spec.deadLetters(), READ_TIMEOUT)) {
            String reason = reason(r.value());
            reasons.merge(reason, 1L, Long::sum);
            deadLetters++;
        }
        Map<String, Integer> archived = new HashMap<>();
        Map<String, Long> faults = new TreeMap<>();
        readArchive(spec, alertsTopic, archived, faults);
        return new RunOutputs(
                notifications, incidents, ackReceipts, reasons, deadLetters, archived, faults);
    }

    /**
     * Counts the archive's {@code alert_raw} rows of {@code alertsTopic} by input, and its handler
     * faults, file by file: a million-alert run's archive holds millions of rows, too many to hold
     * at once ({@code readAll}) beside the notifications. A file listed but gone when opened was
     * merged into a sealed hour's file meanwhile: the counts start again from a new listing.
     */
    private static void readArchive(
            JobRun.Spec spec,
            String alertsTopic,
            Map<String, Integer> archived,
            Map<String, Long> faults)
            throws IOException {
        ArchiveReader<ArchiveRecord> reader = ParquetArchive.reader(spec.archive());
        for (int attempt = 0; ; attempt++) {
            archived.clear();
            faults.clear();
            Path reading = null;
            try {
                for (Path file : reader.committedFiles()) {
                    reading = file;
                    for (ArchiveRecord row : reader.readFile(file)) {
                        count(row, alertsTopic, archived, faults);
                    }
                }
                return;
            } catch (UncheckedIOException e) {
                if (reading == null || Files.exists(reading) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static void count(
            ArchiveRecord row,
            String alertsTopic,
            Map<String, Integer> archived,
            Map<String, Long> faults)
            throws IOException {
        if (row.kind() == ArchiveKind.ALERT_RAW && row.sourceTopic().equals(alertsTopic)) {
            archived.merge(row.sourcePartition() + "/" + row.sourceOffset(), 1, Integer::sum);
        } else if (row.kind() == ArchiveKind.DECISION) {
            String faultKind = JSON.readTree(row.payloadJson()).path("faultKind").asText("");
            if (!faultKind.isEmpty()) {
                faults.merge(faultKind, 1L, Long::sum);
            }
        }
    }

    /**
     * These outputs without the notifications whose every alert is named {@code alertname}, and
     * without the transitions of those notifications' incidents: what the hostile records that the
     * job accepts by design (R4) page and open, which the fault-free run of the clean input cannot
     * have.
     */
    RunOutputs withoutPagesOnlyFor(String alertname) {
        Map<String, List<String>> kept = new HashMap<>();
        java.util.Set<String> setAsideIncidents = new java.util.HashSet<>();
        notifications.forEach(
                (key, copies) -> {
                    List<String> others = new ArrayList<>();
                    for (String copy : copies) {
                        if (onlyAlertsNamed(copy, alertname)) {
                            incidentOf(copy).ifPresent(setAsideIncidents::add);
                        } else {
                            others.add(copy);
                        }
                    }
                    if (!others.isEmpty()) {
                        kept.put(key, others);
                    }
                });
        Map<String, List<String>> keptIncidents = new HashMap<>(incidents);
        keptIncidents
                .keySet()
                .removeIf(
                        ref -> setAsideIncidents.contains(ref.substring(0, ref.lastIndexOf('/'))));
        return new RunOutputs(
                kept,
                keptIncidents,
                ackReceipts,
                deadLettersByReason,
                deadLetters,
                archivedInputs,
                archiveFaults);
    }

    private static java.util.Optional<String> incidentOf(String notification) {
        try {
            String id = JSON.readTree(notification).path("incidentId").asText("");
            return id.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(id);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean onlyAlertsNamed(String notification, String alertname) {
        try {
            JsonNode alerts = JSON.readTree(notification).path("alerts");
            if (!alerts.isArray() || alerts.isEmpty()) {
                return false;
            }
            for (JsonNode alert : alerts) {
                if (!alert.path("labels").path("alertname").asText().equals(alertname)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    long notificationCount() {
        return Copies.count(notifications);
    }

    private static String reason(byte[] value) {
        try {
            String reason = JSON.readTree(value).path("reason").asText("");
            return reason.isBlank() ? "(no reason)" : reason;
        } catch (IOException e) {
            return "(unreadable dead letter)";
        }
    }
}
