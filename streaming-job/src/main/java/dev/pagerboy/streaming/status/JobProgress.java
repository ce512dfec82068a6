package dev.pagerboy.streaming.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a person watching the job wants to know, read from its metrics: how much came in, how much
 * was refused, how many pages went out, how many groups are open, how far checkpoints and event
 * time have got. Sums run over all subtasks of a stage.
 *
 * @param recordsIn alert records parsed (good and bad)
 * @param deadLetters records refused with a reason
 * @param notifications pages emitted
 * @param openGroups groups opened and not yet closed
 * @param checkpoints completed checkpoints
 * @param lastCheckpoint duration of the last completed checkpoint, or {@code null} before the first
 * @param eventTime the lowest watermark of the grouping stage, or {@code null} before the first
 * @param pendingInput records the Kafka sources know are still to be read (their {@code
 *     pendingRecords}), or -1 when no source reports it
 */
public record JobProgress(
        long recordsIn,
        long deadLetters,
        long notifications,
        long openGroups,
        long checkpoints,
        Duration lastCheckpoint,
        Instant eventTime,
        long pendingInput) {

    /** The progress in {@code metrics}, a snapshot of {@link MetricsBoard} by metric identifier. */
    public static JobProgress of(Map<String, Object> metrics) {
        long opened = sum(metrics, ".pagerboy.group.groupsOpened");
        long closed = sum(metrics, ".pagerboy.group.groupsClosed");
        long checkpointMs = max(metrics, ".lastCheckpointDuration", -1);
        long watermark = minWatermark(metrics);
        return new JobProgress(
                sum(metrics, ".pagerboy.parse.recordsIn"),
                sumPrefix(metrics, ".pagerboy.parse.deadLetters."),
                sum(metrics, ".pagerboy.group.notifications"),
                Math.max(0, opened - closed),
                max(metrics, ".numberOfCompletedCheckpoints", 0),
                checkpointMs < 0 ? null : Duration.ofMillis(checkpointMs),
                watermark == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark),
                max(metrics, ".pendingRecords", -1) < 0 ? -1 : sum(metrics, ".pendingRecords"));
    }

    /**
     * One line, e.g. {@code in 7,666 | dead 0 | pages 4,561 | open groups 12 | chk 41 (120 ms) |
     * event time ...}.
     */
    public String line(Instant wallTime) {
        String checkpoint =
                checkpoints == 0
                        ? "none yet"
                        : String.format(
                                "%,d (%,d ms)",
                                checkpoints,
                                lastCheckpoint == null ? 0 : lastCheckpoint.toMillis());
        String time =
                eventTime == null
                        ? "event time not started"
                        : "event time " + eventTime + " (" + lag(eventTime, wallTime) + ")";
        return String.format(
                "in %,d | dead letters %,d | pages %,d | open groups %,d | checkpoints %s | %s",
                recordsIn, deadLetters, notifications, openGroups, checkpoint, time);
    }

    private static String lag(Instant eventTime, Instant wallTime) {
        Duration behind = Duration.between(eventTime, wallTime);
        if (behind.isNegative()) {
            return human(behind.negated()) + " ahead of wall time";
        }
        return human(behind) + " behind wall time";
    }

    private static String human(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toSeconds() + "s";
    }

    private static long sum(Map<String, Object> metrics, String suffix) {
        long total = 0;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Number n) {
                total += n.longValue();
            }
        }
        return total;
    }

    private static long sumPrefix(Map<String, Object> metrics, String infix) {
        long total = 0;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getKey().contains(infix) && e.getValue() instanceof Number n) {
                total += n.longValue();
            }
        }
        return total;
    }

    private static long max(Map<String, Object> metrics, String suffix, long none) {
        long best = none;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Number n) {
                best = Math.max(best, n.longValue());
            }
        }
        return best;
    }

    /**
     * The lowest input watermark of the grouping operator's subtasks (the stage where event time
     * fires timers), ignoring subtasks that have not seen one yet.
     */
    private static long minWatermark(Map<String, Object> metrics) {
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            String id = e.getKey();
            if (id.contains(".group.")
                    && id.endsWith(".currentInputWatermark")
                    && e.getValue() instanceof Number n
                    && n.longValue() > Long.MIN_VALUE) {
                min = Math.min(min, n.longValue());
            }
        }
        return min == Long.MAX_VALUE ? Long.MIN_VALUE : min;
    }
}
