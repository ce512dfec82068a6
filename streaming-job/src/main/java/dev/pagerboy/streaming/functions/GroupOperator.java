package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The group stage's operator: Flink's keyed-broadcast operator whose event-time timers fire in
 * steps ({@link TimerSlices}), so that one watermark that releases thousands of due groups (a
 * catch-up after a gap, or the end of a bounded input) no longer holds the task, and every
 * checkpoint behind it, until the last group has flushed. Flink 2.2's own interruptible timers did
 * this with unaligned checkpoints only, which the live job no longer uses ({@code LiveJob}); the
 * steps work with aligned ones: between two steps the task reads its input (where an aligned
 * barrier waits) and runs its mails (where a checkpoint triggered on the task waits).
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
        extends CoBroadcastWithKeyedOperator<String, RoutedAlert, GroupControl, Notification> {

    /**
     * The highest watermark that reached the operator (its timers may not all have fired); set in
     * {@link #setup}, as a transient field is 0 once the operator is deserialized on the task.
     */
    private transient long arrivedWatermark;

    /** The operator's mailbox, which Flink hands every operator before {@link #setup}. */
    private transient MailboxExecutor mailbox;

    /** Fires due timers in steps; set in {@link #open} (an operator without timers has none). */
    private transient TimerSlices<Notification> slices;

    public GroupOperator(GroupFunction function) {
        super(function, GroupFunction.BROADCAST_STATES);
    }

    /**
     * The group stage over keyed alerts and the broadcast control input, as {@code
     * alerts.connect(control).process(function)} builds it, but with this operator (the broadcast
     * stream API takes no operator of one's own).
     */
    public static SingleOutputStreamOperator<Notification> stage(
            KeyedStream<RoutedAlert, String> alerts,
            BroadcastStream<GroupControl> control,
            GroupFunction function) {
        StreamExecutionEnvironment env = alerts.getExecutionEnvironment();
        TwoInputTransformation<RoutedAlert, GroupControl, Notification> transformation =
                new TwoInputTransformation<>(
                        alerts.getTransformation(),
                        control.getTransformation(),
                        "group",
                        new GroupOperator(env.clean(function)),
                        TypeInformation.of(Notification.class),
                        env.getParallelism(),
                        false);
        transformation.setStateKeySelectors(alerts.getKeySelector(), null);
        transformation.setStateKeyType(alerts.getKeyType());
        env.addOperator(transformation);
        return new Stage(env, transformation);
    }

    /** The stage's stream ({@link SingleOutputStreamOperator}'s constructor is protected). */
    private static final class Stage extends SingleOutputStreamOperator<Notification> {
        Stage(
                StreamExecutionEnvironment env,
                TwoInputTransformation<RoutedAlert, GroupControl, Notification> transformation) {
            super(env, transformation);
        }
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        super.setMailboxExecutor(mailboxExecutor);
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void open() throws Exception {
        super.open();
        slices =
                TimerSlices.of(
                        getRuntimeContext().getJobConfiguration(),
                        output,
                        mailbox,
                        timeServiceManager,
                        getMetricGroup().addGroup("pagerboy").addGroup("group"));
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
     * Fires, without interruption, the timers an interrupted watermark left when the input ends. In
     * Flink 2.2 the rest of an interrupted advance waits in a deferrable mail, which finishing an
     * operator skips: the end of data overtook the last watermark, the timers after the
     * interruption never fired, and the stages behind never saw the watermark (FLINK-39481, fixed
     * upstream after 2.2). In a bounded run the end of input is one such jump, so {@code
     * TimerStormTest} lost every page. What is left here is what the last steps had not reached
     * when the input ended.
     */
    @Override
    public void finish() throws Exception {
        GroupFunction function = (GroupFunction) getUserFunction();
        if (function.settledWatermark() < arrivedWatermark) {
            Watermark mark = new Watermark(arrivedWatermark);
            timeServiceManager.advanceWatermark(mark);
            output.emitWatermark(mark);
        }
        super.finish();
    }

    @Override
    protected void setup(
            StreamTask<?, ?> containingTask,
            StreamConfig config,
            Output<StreamRecord<Notification>> output) {
        arrivedWatermark = Long.MIN_VALUE;
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
