package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.RawInput;
import java.util.function.Consumer;

/**
 * Where a keyed stage of the incident path applies a record of the {@code acks} or {@code receipts}
 * topic. A record ahead of the stage's watermark is applied at its own event time. A record behind
 * it (its consumer lagged, or its topic was idle while the others moved on) can only be applied at
 * the next instant the stage has not decided yet, {@code watermark + 1}, and that instant depends
 * on scheduling. So the stage records it as an input, a {@code late_input} archive row, and replay
 * hands it back as the record's stream timestamp ({@code ReplaySources}): a record whose stream
 * timestamp is later than its own event time asks to be applied there, which replay's watermark,
 * held at the record's own time, always allows. The same rule lets a record that an upstream stage
 * applied late (a PagerDuty event) keep that time downstream: it leaves that stage's timer with the
 * timer's timestamp.
 *
 * <p>Only one stage can hold a record late: a stage downstream of one that applied it at {@code t}
 * receives it with timestamp {@code t} before its own watermark can pass {@code t}.
 */
public enum LateInput {
    /**
     * {@link IncidentFunction}: signed acks, PagerDuty events named after their incident, receipts.
     */
    INCIDENTS("incidents"),
    /** {@link PagerDutyAckFunction}: PagerDuty events waiting for the flushes up to their time. */
    PAGERDUTY_ACKS("pagerduty-acks");

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
    long applyAt(
            RawInput input, Long streamTimestamp, long watermark, Consumer<ArchiveRecord> archive) {
        long wanted =
                streamTimestamp == null
                        ? input.timestamp()
                        : Math.max(input.timestamp(), streamTimestamp);
        if (wanted > watermark) {
            return wanted;
        }
        long at = watermark + 1;
        archive.accept(ArchiveRecord.lateInput(input, text, at));
        return at;
    }
}
