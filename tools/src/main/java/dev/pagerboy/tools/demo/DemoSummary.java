package dev.pagerboy.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.Durations;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.records.DedupOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the demo run produced, read back the way a downstream user would see it: the notifications,
 * incidents and dead letters committed in Kafka ({@code read_committed}), and the committed Parquet
 * archive. Nothing here comes from the job's own counters, so the summary also checks the job's
 * output.
 */
record DemoSummary(
        DatasetFeeder.Report fed,
        long alertsArchived,
        Map<String, Long> dedupOutcomes,
        long handlerFaults,
        long deadLetters,
        Map<String, Long> deadLetterReasons,
        Map<String, Long> notificationsByReceiver,
        Map<String, Long> decisionsByHandler,
        Incidents incidents,
        Path archive,
        long archiveFiles,
        long archiveBytes,
        DemoAcking.Result acking,
        DemoDispatch.Deliveries deliveries) {

    /**
     * What the committed {@code incidents} topic and the archive's {@code ack} rows say.
     *
     * @param opened incidents triggered
     * @param acknowledged incidents acknowledged at least once
     * @param escalated incidents that paged past level 1 (or repeated)
     * @param mttaMillis mean time from trigger to first acknowledgment, or -1 when none
     * @param acksAccepted accepted acks
     * @param acksRejected rejected acks by reason
     */
    record Incidents(
            long opened,
            long acknowledged,
            long escalated,
            long mttaMillis,
            long acksAccepted,
            Map<String, Long> acksRejected) {}

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the committed output back.
     *
     * @param receivers every configured receiver, listed in the summary even with no notification
     * @param romNames handler ROM names by SHA-256, for the decisions per handler
     */
    static DemoSummary collect(
            DatasetFeeder.Report fed,
            String bootstrapServers,
            KafkaSettings.Topics topics,
            Path archive,
            Collection<String> receivers,
            Map<String, String> romNames,
            DemoAcking.Result acking,
            DemoDispatch.Deliveries deliveries) {
        Map<String, Long> notifications = new TreeMap<>();
        receivers.forEach(r -> notifications.put(r, 0L));
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topics.notifications(), READ_TIMEOUT)) {
            notifications.merge(field(r.value(), "receiver"), 1L, Long::sum);
        }
        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                CommittedRecords.readAll(bootstrapServers, topics.deadLetters(), READ_TIMEOUT);
        Map<String, Long> reasons = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : deadLetters) {
            reasons.merge(reasonKind(field(r.value(), "reason")), 1L, Long::sum);
        }

        Set<String> opened = new HashSet<>();
        Set<String> escalated = new HashSet<>();
        Map<String, Long> firstAck = new TreeMap<>();
        Map<String, Long> openedAt = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topics.incidents(), READ_TIMEOUT)) {
            JsonNode u = tree(r.value());
            String id = u.path("incidentId").asText();
            switch (u.path("change").asText()) {
                case "triggered" -> {
                    opened.add(id);
                    openedAt.put(id, u.path("openedAt").asLong());
                }
                case "escalated" -> {
                    if (u.path("step").asInt() > 1) {
                        escalated.add(id);
                    }
                }
                case "acknowledged" -> firstAck.putIfAbsent(id, u.path("eventTime").asLong());
                default -> {
                    // resolved, unacknowledged, exhausted: not part of the summary
                }
            }
        }
        long ackedWithOpen = 0;
        long ackMillis = 0;
        for (Map.Entry<String, Long> e : firstAck.entrySet()) {
            Long at = openedAt.get(e.getKey());
            if (at != null) {
                ackedWithOpen++;
                ackMillis += e.getValue() - at;
            }
        }
        long acksAccepted = 0;
        Map<String, Long> acksRejected = new TreeMap<>();

        long alertsArchived = 0;
        long faults = 0;
        Map<String, Long> dedup = new TreeMap<>();
        Map<String, Long> byHandler = new TreeMap<>();
        romNames.values().forEach(name -> byHandler.put(name, 0L));
        List<Path> files = ParquetArchive.reader(archive).committedFiles();
        for (ArchiveRecord row : ParquetArchive.reader(archive).readAll()) {
            switch (row.kind()) {
                case ALERT_RAW -> alertsArchived++;
                case ACK -> {
                    if ("accepted".equals(row.outcome())) {
                        acksAccepted++;
                    } else {
                        acksRejected.merge(row.outcome(), 1L, Long::sum);
                    }
                }
                case DECISION -> {
                    dedup.merge(row.outcome(), 1L, Long::sum);
                    // Only alerts that passed dedup ran a handler; their rows name the ROM.
                    JsonNode payload = tree(row.payloadJson());
                    if (payload.has("romSha256")) {
                        faults += payload.path("faultKind").asText().isEmpty() ? 0 : 1;
                        String sha = payload.path("romSha256").asText();
                        byHandler.merge(romNames.getOrDefault(sha, "(no ROM)"), 1L, Long::sum);
                    }
                }
                default -> {
                    // other row kinds are not part of the summary
                }
            }
        }
        return new DemoSummary(
                fed,
                alertsArchived,
                dedup,
                faults,
                deadLetters.size(),
                reasons,
                notifications,
                byHandler,
                new Incidents(
                        opened.size(),
                        firstAck.size(),
                        escalated.size(),
                        ackedWithOpen == 0 ? -1 : ackMillis / ackedWithOpen,
                        acksAccepted,
                        acksRejected),
                archive,
                files.size(),
                sizeOf(files),
                acking,
                deliveries);
    }

    /** Duplicates the dedup stage dropped: repeats within repeat_interval and re-deliveries. */
    long duplicatesSuppressed() {
        return dedupOutcomes.getOrDefault(DedupOutcome.Verdict.SUPPRESSED_REPEAT.outcome(), 0L)
                + dedupOutcomes.getOrDefault(DedupOutcome.Verdict.DUPLICATE_DELIVERY.outcome(), 0L);
    }

    long notifications() {
        return notificationsByReceiver.values().stream().mapToLong(Long::longValue).sum();
    }

    void print(PrintStream out) {
        out.println();
        out.println("PagerBoy demo summary");
        out.printf(
                "  alerts in               %,d  (event time %s .. %s; %,d archived as raw input)%n",
                fed.alerts(),
                Instant.ofEpochMilli(fed.firstEventTime()),
                Instant.ofEpochMilli(fed.lastEventTime()),
                alertsArchived);
        out.printf(
                "  duplicates suppressed   %,d  (repeats within repeat_interval %,d, re-deliveries %,d)%n",
                duplicatesSuppressed(),
                dedupOutcomes.getOrDefault(DedupOutcome.Verdict.SUPPRESSED_REPEAT.outcome(), 0L),
                dedupOutcomes.getOrDefault(DedupOutcome.Verdict.DUPLICATE_DELIVERY.outcome(), 0L));
        out.printf("  dead letters            %,d%n", deadLetters);
        deadLetterReasons.forEach((reason, n) -> out.printf("    %-40s %,d%n", reason, n));
        out.printf("  handler faults          %,d%n", handlerFaults);
        out.println("  handler decisions, by ROM");
        decisionsByHandler.forEach((rom, n) -> out.printf("    %-22s%,d%n", rom, n));
        out.printf("  notifications           %,d%n", notifications());
        notificationsByReceiver.forEach((receiver, n) -> out.printf("    %-22s%,d%n", receiver, n));
        out.printf(
                "  incidents               %,d opened, %,d acknowledged, %,d escalated; MTTA %s%n",
                incidents.opened(),
                incidents.acknowledged(),
                incidents.escalated(),
                incidents.mttaMillis() < 0
                        ? "n/a"
                        : Durations.format(
                                Duration.ofSeconds(Math.round(incidents.mttaMillis() / 1000.0))));
        out.printf(
                "  acks                    %,d accepted, %,d rejected%n",
                incidents.acksAccepted(),
                incidents.acksRejected().values().stream().mapToLong(Long::longValue).sum());
        incidents.acksRejected().forEach((reason, n) -> out.printf("    %-22s%,d%n", reason, n));
        out.printf(
                "  archive                 %s  (%,d Parquet files, %s)%n",
                archive, archiveFiles, humanBytes(archiveBytes));
        acking.print(out);
        out.println("deliveries=" + deliveries.delivered());
        out.println("delivery_failures=" + deliveries.failed());
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("an incident record is not JSON", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String field(byte[] json, String name) {
        try {
            JsonNode node = JSON.readTree(json).get(name);
            return node == null ? "(none)" : node.asText();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    /** The kind of a dead letter's reason: its text up to the first detail (e.g. a position). */
    private static String reasonKind(String reason) {
        int cut = reason.indexOf(':');
        String kind = cut > 0 ? reason.substring(0, cut) : reason;
        return kind.length() > 40 ? kind.substring(0, 37) + "..." : kind;
    }

    private static long sizeOf(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
