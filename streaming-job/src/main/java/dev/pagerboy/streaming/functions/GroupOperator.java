package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The group stage's operator: Flink's keyed-broadcast operator whose event-time timers fire in
 * steps ({@link SteppedBroadcastOperator}), so that one watermark that releases thousands of due
 * groups (a catch-up after a gap) no longer holds the task, and every checkpoint behind it, until
 * the last group has flushed. Flink 2.2's own interruptible timers did this with unaligned
 * checkpoints only, which the live job no longer uses ({@code LiveJob}); the steps work with
 * aligned ones: between two steps the task reads its input (where an aligned barrier waits) and
 * runs its mails (where a checkpoint triggered on the task waits).
 *
 * <p>Between two steps the operator may also read input. That changes no decision: an alert
 * arriving then is after the watermark, so {@link GroupFunction} only buffers it for a later timer;
 * and a broadcast input is only recorded with its event time. What it must not do then is forget
 * broadcast state (input times, ended silences, quiet inhibition sources) up to the new watermark,
 * which the remaining timers of the advance may still ask about. So this operator tells the
 * function which watermark has been <em>settled</em> (every timer up to it has fired: the steps
 * forward a watermark downstream only then), and the function forgets only up to that.
 */
public final class GroupOperator
        extends SteppedBroadcastOperator<RoutedAlert, GroupControl, Notification> {

    private static final long serialVersionUID = 1L;

    public GroupOperator(GroupFunction function) {
        super("group", function, GroupFunction.BROADCAST_STATES);
    }

    /**
     * The group stage over keyed alerts and the broadcast control input, as {@code
     * alerts.connect(control).process(function)} builds it, but with this operator.
     */
    public static SingleOutputStreamOperator<Notification> stage(
            KeyedStream<RoutedAlert, String> alerts,
            BroadcastStream<GroupControl> control,
            GroupFunction function) {
        GroupFunction cleaned = alerts.getExecutionEnvironment().clean(function);
        return stage(alerts, control, new GroupOperator(cleaned), Notification.class);
    }

    @Override
    protected void setup(
            StreamTask<?, ?> containingTask,
            StreamConfig config,
            Output<StreamRecord<Notification>> output) {
        GroupFunction function = (GroupFunction) getUserFunction();
        function.settledWatermarksKnown();
        super.setup(containingTask, config, new SettledWatermarks(output, function));
    }

    /** Passes everything on, and tells the function each watermark as it leaves the operator. */
    private record SettledWatermarks(Output<StreamRecord<Notification>> out, GroupFunction function)
            implements Output<StreamRecord<Notification>> {

        @Override
        public void emitWatermark(Watermark mark) {
            function.watermarkSettled(mark.getTimestamp());
            out.emitWatermark(mark);
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {
            out.emitWatermarkStatus(status);
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            out.collect(tag, record);
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {
            out.emitLatencyMarker(marker);
        }

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {
            out.emitRecordAttributes(attributes);
        }

        @Override
        public void emitWatermark(WatermarkEvent event) {
            out.emitWatermark(event);
        }

        @Override
        public void collect(StreamRecord<Notification> record) {
            out.collect(record);
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
