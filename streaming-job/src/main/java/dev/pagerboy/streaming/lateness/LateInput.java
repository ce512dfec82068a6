package dev.pagerboy.streaming.lateness;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.util.function.Consumer;

/**
 * Where a keyed stage applies a record of the {@code acks} or {@code receipts} topic (the incident
 * path), or an alert of the {@code alerts} topic (dedup). A record ahead of the stage's watermark
 * is applied at its own event time. A record behind it (its consumer lagged, or its topic was idle
 * while the others moved on) can only be applied at the next instant the stage has not decided yet,
 * {@code watermark + 1}, and that instant depends on scheduling. So the stage records it as an
 * input, a {@code late_input} archive row, and replay hands it back as the record's stream
 * timestamp ({@code ReplaySources}): a record whose stream timestamp is later than its own event
 * time asks to be applied there, which replay's watermark, held at the record's own time, always
 * allows. The same rule lets a record that an upstream stage applied late (a PagerDuty event) keep
 * that time downstream: it leaves that stage's timer with the timer's timestamp.
 *
 * <p>Only one stage can hold a record late: a stage downstream of one that applied it at {@code t}
 * receives it with timestamp {@code t} before its own watermark can pass {@code t}.
 */
public enum LateInput {
    /**
     * {@link dev.pagerboy.streaming.incidents.IncidentFunction}: signed acks, PagerDuty events
     * named after their incident, receipts.
     */
    INCIDENTS("incidents"),
    /**
     * {@link dev.pagerboy.streaming.incidents.PagerDutyAckFunction}: PagerDuty events waiting for
     * the flushes up to their time.
     */
    PAGERDUTY_ACKS("pagerduty-acks"),
    /**
     * {@code DedupFunction}: alerts, the first stage that decides by event time. One row per alert,
     * not per record: the alerts of one Alertmanager message go to their own fingerprints' keys.
     */
    DEDUP("dedup");

    private final String text;

    LateInput(String text) {
        this.text = text;
    }

    /** The stage's name in the {@code late_input} row's outcome column. */
    public String text() {
        return text;
    }

    /**
     * The event time this stage applies {@code input} at, archiving a {@code late_input} row when
     * that is not the time the record asked for.
     *
     * @param input the record (its event time is {@link RawInput#timestamp()})
     * @param streamTimestamp the stream record's timestamp, or {@code null} if it has none
     * @param watermark the stage's current watermark
     * @param archive where the {@code late_input} row goes
     */
    public long applyAt(
            RawInput input, Long streamTimestamp, long watermark, Consumer<ArchiveRecord> archive) {
        long wanted = wanted(input.timestamp(), streamTimestamp);
        if (wanted > watermark) {
            return wanted;
        }
        long at = watermark + 1;
        archive.accept(ArchiveRecord.lateInput(input, text, at));
        return at;
    }

    /**
     * The event time this stage decides {@code alert} at, archiving a {@code late_input} row for
     * the alert when that is not the time it asked for. Once the input has ended (the watermark is
     * {@code Long.MAX_VALUE}) nothing is after the watermark: the alert keeps the time it asked
     * for.
     *
     * @param alert the alert (its event time is its record's timestamp)
     * @param streamTimestamp the stream record's timestamp, or {@code null} if it has none
     * @param watermark the stage's current watermark
     * @param archive where the {@code late_input} row goes
     */
    public long applyAt(
            Alert alert, Long streamTimestamp, long watermark, Consumer<ArchiveRecord> archive) {
        long wanted = wanted(alert.eventTime(), streamTimestamp);
        if (wanted > watermark || watermark == Long.MAX_VALUE) {
            return wanted;
        }
        long at = watermark + 1;
        archive.accept(ArchiveRecord.lateAlert(alert, text, at));
        return at;
    }

    /** The record's own time, or the later time its stream timestamp asks for (replay). */
    private static long wanted(long eventTime, Long streamTimestamp) {
        return streamTimestamp == null ? eventTime : Math.max(eventTime, streamTimestamp);
    }
}
