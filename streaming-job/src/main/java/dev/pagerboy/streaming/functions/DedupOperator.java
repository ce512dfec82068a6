package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
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

    /** Fires due timers in steps; set in {@link #open}. */
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
    public void open() throws Exception {
        super.open();
        slices = TimerSlices.open(this, output, timeServiceManager, "dedup");
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        slices.advance(mark, super::processWatermark);
    }

    /** Fires what the steps had not reached when the input ended ({@link TimerSlices#finish}). */
    @Override
    public void finish() throws Exception {
        slices.finish();
        super.finish();
    }
}
