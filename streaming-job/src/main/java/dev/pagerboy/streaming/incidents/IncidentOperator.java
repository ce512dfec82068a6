package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.functions.SteppedBroadcastOperator;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.Tick;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The incident stage's operator: its event-time timers fire in steps ({@link
 * SteppedBroadcastOperator}). The group stage passes its watermark on only after its last flush, so
 * every flush of a storm reaches this stage before the watermark that makes it due: one watermark
 * then releases as many of this stage's timers (pending signals, escalation levels, cleanups) as
 * the group stage flushed, and fired in one go they held every checkpoint behind them.
 *
 * <p>Reading input between two steps changes no decision. A flush, ack or receipt read then is
 * behind the timer service's watermark exactly as it would be after the whole advance, so {@link
 * IncidentFunction} applies it at the same time ({@code LateInput}, {@code LateFlushes}: just after
 * the watermark), after every timer of the advance. A tick read then only moves {@link
 * IncidentFunction#CLOCK}, which the timers read only once the input has ended, when no tick comes.
 */
public final class IncidentOperator
        extends SteppedBroadcastOperator<IncidentSignal, Tick, Notification> {

    private static final long serialVersionUID = 1L;

    public IncidentOperator(IncidentFunction function) {
        super("incidents", function, List.of(IncidentFunction.CLOCK));
    }

    /**
     * The incident stage over signals keyed by group and the ticks, as {@code
     * signals.connect(ticks).process(function)} builds it, but with this operator.
     */
    public static SingleOutputStreamOperator<Notification> stage(
            KeyedStream<IncidentSignal, String> signals,
            BroadcastStream<Tick> ticks,
            IncidentFunction function) {
        IncidentFunction cleaned = signals.getExecutionEnvironment().clean(function);
        return stage(signals, ticks, new IncidentOperator(cleaned), Notification.class);
    }
}
