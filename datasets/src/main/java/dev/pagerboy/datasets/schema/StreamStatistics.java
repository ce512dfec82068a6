package dev.pagerboy.datasets.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures a stream the way the calibration table states its figures, from the records alone:
 * severity mix of alarms, share of firing records that repeat an alarm already sent, share of
 * alarms raised again within 10 minutes of the same fingerprint clearing, duration quantiles,
 * ISA-18.2 floods (more than 10 alarm starts in 10 minutes for one team) and ack delays. Records
 * that fail {@link RecordSchema} are counted and otherwise ignored.
 */
public final class StreamStatistics {
    private static final long TEN_MINUTES_MS = 600_000;
    private static final int FLOOD_THRESHOLD = 10;

    private final AlertFormat format;
    private long alertRecords;
    private long invalid;
    private long firingRecords;
    private long repeats;
    private long alarms;
    private long flaps;
    private long firstTs = Long.MAX_VALUE;
    private long lastTs = Long.MIN_VALUE;
    private final Map<String, Long> severities = new TreeMap<>();
    private final Set<String> incidents = new HashSet<>();
    private final Map<String, Long> openStart = new HashMap<>();
    private final Map<String, Long> lastEnd = new HashMap<>();
    private long[] durations = new long[1024];
    private int durationCount;
    private final Map<String, TeamLoad> teams = new HashMap<>();
    private long acks;
    private long ackDelaySumMs;
    private final Map<String, Long> ackDelays = new HashMap<>();
    private final Set<String> longIncidents = new HashSet<>();

    public StreamStatistics(AlertFormat format) {
        this.format = format;
    }

    /** Takes the next record of the stream (records must come in send-time order). */
    public void accept(Envelope envelope) {
        firstTs = Math.min(firstTs, envelope.ts());
        lastTs = Math.max(lastTs, envelope.ts());
        if (Envelope.ALERTS.equals(envelope.topic())) {
            alertRecords++;
        }
        JsonNode m = RecordSchema.parse(envelope);
        if (m == null || RecordSchema.problem(m, envelope.topic(), format) != null) {
            invalid++;
            return;
        }
        if (Envelope.ACKS.equals(envelope.topic())) {
            acceptAck(m);
            return;
        }
        switch (format) {
            case ALERTMANAGER -> {
                JsonNode a = m.path("alerts").get(0);
                observe(
                        a.path("fingerprint").asText(),
                        a.path("status").asText().equals("firing"),
                        a.path("labels"),
                        Rfc3339.parse(a.path("startsAt").asText()),
                        Rfc3339.parse(a.path("endsAt").asText()));
            }
            case NATIVE -> {
                boolean firing = m.path("status").asText().equals("firing");
                observe(
                        envelope.key(),
                        firing,
                        m.path("labels"),
                        Rfc3339.parse(m.path("startsAt").asText()),
                        firing ? 0 : Rfc3339.parse(m.path("endsAt").asText()));
            }
            case PAGERDUTY -> {
                boolean firing = m.path("event_action").asText().equals("trigger");
                String fp = m.path("dedup_key").asText();
                long time = Rfc3339.parse(m.path("payload").path("timestamp").asText());
                long start = firing ? time : openStart.getOrDefault(fp, time);
                observe(fp, firing, m.path("payload").path("custom_details"), start, time);
            }
        }
    }

    private void observe(String fp, boolean firing, JsonNode labels, long startsAt, long endsAt) {
        String incident = fp + ":" + startsAt;
        if (!firing) {
            lastEnd.put(fp, endsAt);
            openStart.remove(fp);
            long duration = endsAt - startsAt;
            addDuration(duration);
            if (duration >= 3_600_000) {
                longIncidents.add(incident);
            }
            return;
        }
        firingRecords++;
        if (!incidents.add(incident)) {
            repeats++;
            return;
        }
        alarms++;
        openStart.put(fp, startsAt);
        severities.merge(labels.path("severity").asText(), 1L, Long::sum);
        Long previousEnd = lastEnd.get(fp);
        if (previousEnd != null
                && startsAt - previousEnd >= 0
                && startsAt - previousEnd <= TEN_MINUTES_MS) {
            flaps++;
        }
        teams.computeIfAbsent(labels.path("team").asText(), t -> new TeamLoad()).alarmAt(startsAt);
    }

    private void acceptAck(JsonNode m) {
        acks++;
        String incident = m.path("incident").asText();
        long startsAt = Long.parseLong(incident.substring(incident.indexOf(':') + 1));
        long delay = Rfc3339.parse(m.path("ackedAt").asText()) - startsAt;
        ackDelaySumMs += delay;
        // Acks come before the incident resolves, so whether it was long is only known at the end.
        ackDelays.put(incident, delay);
    }

    private void addDuration(long ms) {
        if (durationCount == durations.length) {
            durations = Arrays.copyOf(durations, durations.length * 2);
        }
        durations[durationCount++] = ms;
    }

    /** The measured figures. */
    public Report report() {
        long[] sorted = Arrays.copyOf(durations, durationCount);
        Arrays.sort(sorted);
        long floods = 0;
        for (TeamLoad load : teams.values()) {
            floods += load.floods;
        }
        long longAcked = 0;
        long longDelaySum = 0;
        for (String incident : longIncidents) {
            Long delay = ackDelays.get(incident);
            if (delay != null) {
                longAcked++;
                longDelaySum += delay;
            }
        }
        Map<String, Double> mix = new TreeMap<>();
        severities.forEach((s, n) -> mix.put(s, n / (double) Math.max(alarms, 1)));
        return new Report(
                alertRecords,
                invalid,
                alarms,
                mix,
                repeats / (double) Math.max(firingRecords, 1),
                flaps / (double) Math.max(alarms, 1),
                quantile(sorted, 0.5) / 1000.0,
                quantile(sorted, 0.9) / 1000.0,
                floods,
                teams.size(),
                (lastTs - firstTs) / 86_400_000.0,
                acks,
                acks == 0 ? 0 : ackDelaySumMs / 1000.0 / acks,
                longIncidents.size(),
                longAcked / (double) Math.max(longIncidents.size(), 1),
                longAcked == 0 ? 0 : longDelaySum / 1000.0 / longAcked);
    }

    private static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /**
     * The measured figures of a stream.
     *
     * @param severityMix share of alarms per severity
     * @param duplicateShare repeats of an already-sent alarm / firing records
     * @param flapShare alarms raised within 10 min of the same fingerprint clearing / alarms
     * @param floods ISA-18.2 flood episodes (over all teams)
     * @param longIncidents incidents lasting an hour or more
     * @param longAckedShare share of those that were acknowledged
     * @param longMeanAckSeconds their mean time to acknowledge (unbiased by early resolves)
     */
    public record Report(
            long alertRecords,
            long invalidRecords,
            long alarms,
            Map<String, Double> severityMix,
            double duplicateShare,
            double flapShare,
            double durationMedianSeconds,
            double durationP90Seconds,
            long floods,
            int teams,
            double spanDays,
            long acks,
            double meanAckSeconds,
            long longIncidents,
            double longAckedShare,
            double longMeanAckSeconds) {

        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            "alert records      %d (%d invalid)%n", alertRecords, invalidRecords));
            out.append(
                    String.format(
                            "alarms             %d over %.2f days, %d teams%n",
                            alarms, spanDays, teams));
            severityMix.forEach(
                    (s, share) ->
                            out.append(String.format("severity %-9s %.2f %%%n", s, 100 * share)));
            out.append(
                    String.format(
                            "duplicate share    %.2f %% of firing records%n",
                            100 * duplicateShare));
            out.append(String.format("flap share         %.2f %% of alarms%n", 100 * flapShare));
            out.append(
                    String.format(
                            "duration           median %.0f s, p90 %.0f s%n",
                            durationMedianSeconds, durationP90Seconds));
            out.append(
                    String.format(
                            "floods             %d (%.2f per team-day)%n",
                            floods, floods / Math.max(spanDays * teams, 1e-9)));
            if (acks > 0) {
                out.append(
                        String.format(
                                "acks               %d, mean delay %.0f s%n",
                                acks, meanAckSeconds));
                out.append(
                        String.format(
                                "incidents >= 1 h   %d, %.1f %% acked, mean delay %.0f s%n",
                                longIncidents, 100 * longAckedShare, longMeanAckSeconds));
            }
            return out.toString();
        }
    }

    /** One team's alarm starts in the trailing 10 minutes, and its flood episodes so far. */
    private static final class TeamLoad {
        private final ArrayDeque<Long> recent = new ArrayDeque<>();
        private boolean inFlood;
        private long floodEndedAt = Long.MIN_VALUE / 2;
        long floods;

        void alarmAt(long at) {
            recent.addLast(at);
            while (recent.peekFirst() <= at - TEN_MINUTES_MS) {
                recent.removeFirst();
            }
            if (recent.size() > FLOOD_THRESHOLD) {
                if (!inFlood && at - floodEndedAt > TEN_MINUTES_MS) {
                    floods++; // a flood that restarts within 10 minutes is the same episode
                }
                inFlood = true;
            } else if (inFlood) {
                inFlood = false;
                floodEndedAt = at;
            }
        }
    }
}
