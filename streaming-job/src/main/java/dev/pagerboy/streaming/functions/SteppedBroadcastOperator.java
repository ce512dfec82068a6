package dev.pagerboy.streaming.functions;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's keyed-broadcast operator whose event-time timers fire in steps ({@link TimerSlices}), for
 * the stages where one watermark can release thousands of timers: the group stage ({@link
 * GroupOperator}) and the incident stage ({@code incidents.IncidentOperator}). {@link #stage}
 * builds such a stage as {@code keyed.connect(broadcast).process(function)} would, but with the
 * operator given: the broadcast stream API takes no operator of one's own.
 *
 * <p>A subclass must read input between two steps as it would after the whole advance: the timer
 * service's watermark is already the new one then, so a record read is behind it exactly as it
 * would be afterwards, and the timers still due are all at or before it.
 */
public abstract class SteppedBroadcastOperator<IN1, IN2, OUT>
        extends CoBroadcastWithKeyedOperator<String, IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;

    /** The stage's metric group, {@code pagerboy.<stage>}. */
    private final String stage;

    /** Fires due timers in steps; set in {@link #open}. */
    private transient TimerSlices<OUT> slices;

    protected SteppedBroadcastOperator(
            String stage,
            KeyedBroadcastProcessFunction<String, IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
        this.stage = stage;
    }

    @Override
    public void open() throws Exception {
        super.open();
        slices = TimerSlices.open(this, output, timeServiceManager, stage);
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

    /**
     * The stage {@code operator} makes of keyed records and a broadcast input, at the environment's
     * parallelism.
     */
    protected static <IN1, IN2, OUT> SingleOutputStreamOperator<OUT> stage(
            KeyedStream<IN1, String> keyed,
            BroadcastStream<IN2> broadcast,
            SteppedBroadcastOperator<IN1, IN2, OUT> operator,
            Class<OUT> type) {
        StreamExecutionEnvironment env = keyed.getExecutionEnvironment();
        TwoInputTransformation<IN1, IN2, OUT> transformation =
                new TwoInputTransformation<>(
                        keyed.getTransformation(),
                        broadcast.getTransformation(),
                        operator.stage,
                        operator,
                        TypeInformation.of(type),
                        env.getParallelism(),
                        false);
        transformation.setStateKeySelectors(keyed.getKeySelector(), null);
        transformation.setStateKeyType(keyed.getKeyType());
        env.addOperator(transformation);
        return new Stage<>(env, transformation);
    }

    /** The stage's stream ({@link SingleOutputStreamOperator}'s constructor is protected). */
    private static final class Stage<OUT> extends SingleOutputStreamOperator<OUT> {
        Stage(StreamExecutionEnvironment env, TwoInputTransformation<?, ?, OUT> transformation) {
            super(env, transformation);
        }
    }
}
