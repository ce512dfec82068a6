package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one finished run left behind, as a downstream reader sees it: the read_committed
 * notifications (by idempotency key, every copy kept so duplicates show), the read_committed dead
 * letters counted by reason, and, from the committed Parquet archive, how often each input record
 * ({@code alert_raw} row, by partition and offset) was archived.
 */
record RunOutputs(
        Map<String, List<String>> notifications,
        Map<String, Long> deadLettersByReason,
        long deadLetters,
        Map<String, Integer> archivedInputs,
        Map<String, Long> archiveFaults) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

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
        for (ArchiveRecord row : ParquetArchive.reader(spec.archive()).readAll()) {
            if (row.kind() == ArchiveKind.ALERT_RAW && row.sourceTopic().equals(alertsTopic)) {
                archived.merge(row.sourcePartition() + "/" + row.sourceOffset(), 1, Integer::sum);
            } else if (row.kind() == ArchiveKind.DECISION) {
                String faultKind = JSON.readTree(row.payloadJson()).path("faultKind").asText("");
                if (!faultKind.isEmpty()) {
                    faults.merge(faultKind, 1L, Long::sum);
                }
            }
        }
        return new RunOutputs(notifications, reasons, deadLetters, archived, faults);
    }

    long notificationCount() {
        return notifications.values().stream().mapToLong(List::size).sum();
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
