package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The dedup stage's operator: Flink's keyed process operator whose event-time timers fire in steps
 * ({@link TimerSlices}). Dedup holds every alert until the watermark passes it and ends episodes on
 * timers, so one watermark jump (a catch-up, the end of a bounded input) can make tens of thousands
 * of its timers due at once; fired in one go, they held every checkpoint behind them.
 *
 * <p>Reading input between two steps changes no decision: the timer service's watermark is already
 * the new one then, so an alert read between steps is behind it exactly as it would be after the
 * whole advance, and is decided at the same time ({@code LateInput}); the timers still due are all
 * before that time. Dedup keeps no broadcast state.
 */
public final class DedupOperator extends KeyedProcessOperator<String, Alert, DedupOutcome> {

    private static final long serialVersionUID = 1L;

    private transient long arrivedWatermark;
    private transient MailboxExecutor mailbox;
    private transient TimerSlices<DedupOutcome> slices;

    public DedupOperator(DedupFunction function) {
        super(function);
    }

    /** The dedup stage over alerts keyed by fingerprint, as {@code alerts.process(function)}. */
    public static SingleOutputStreamOperator<DedupOutcome> stage(
            KeyedStream<Alert, String> alerts, DedupFunction function) {
        return alerts.transform(
                "dedup",
                TypeInformation.of(DedupOutcome.class),
                new DedupOperator(alerts.getExecutionEnvironment().clean(function)));
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        super.setMailboxExecutor(mailboxExecutor);
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void open() throws Exception {
        super.open();
        arrivedWatermark = Long.MIN_VALUE;
        slices =
                TimerSlices.of(
                        getRuntimeContext().getJobConfiguration(),
                        output,
                        mailbox,
                        timeServiceManager,
                        getMetricGroup().addGroup("pagerboy").addGroup("dedup"));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        arrivedWatermark = Math.max(arrivedWatermark, mark.getTimestamp());
        if (slices != null) {
            slices.advance(mark);
        } else {
            super.processWatermark(mark);
        }
    }

    /**
     * Fires what the last steps had not reached when the input ended: finishing skips the mail that
     * holds the rest of an advance (FLINK-39481, see {@link GroupOperator#finish()}). Firing an
     * advance that is complete does nothing, and a watermark passed on twice is ignored downstream.
     */
    @Override
    public void finish() throws Exception {
        if (slices != null && arrivedWatermark > Long.MIN_VALUE) {
            Watermark mark = new Watermark(arrivedWatermark);
            timeServiceManager.advanceWatermark(mark);
            output.emitWatermark(mark);
        }
        super.finish();
    }
}
