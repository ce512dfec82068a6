package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Seals each event hour of the archive: keyed by hour, it keeps the (row id, digest) leaf of every
 * row of an open hour — never the row — and once the watermark passes the hour's end plus {@link
 * #SEAL_DELAY} it computes the hour's {@link ArchiveHourRoot}, emits the hour's {@code
 * archive_root} row (which goes to the archive with the rows it covers) and hands the root on for
 * anchoring ({@link #ROOTS}). Rows that reach a sealed hour are sealed at the next watermark as
 * generation 1, 2, … of that hour.
 *
 * <p>Deterministic: which rows make a generation depends only on the rows and the watermarks the
 * pipeline derives from its inputs, never on checkpoints, wall time or parallelism, so the same
 * input gives the same roots in a live, a bounded and a replayed run. The state is its own
 * checkpoint partner of the archive's file sink: after a restore both agree on the rows seen.
 *
 * <p>Why a delay past the hour: the watermark already allows for out-of-order input; a row of hour
 * H can still come later from a stage that decides at a timer (a group flush muting an earlier
 * alert, a late input applied at the watermark). Ten minutes keeps almost every hour in one
 * generation while keeping at most two hours open.
 */
public final class ArchiveHourSealer
        extends KeyedProcessFunction<Long, ArchiveRecord, ArchiveRecord> {

    private static final long serialVersionUID = 1L;

    /** How far past its end the watermark must be before an hour is sealed. */
    public static final Duration SEAL_DELAY = Duration.ofMinutes(10);

    /** The sealed roots, to anchor. */
    public static final OutputTag<ArchiveHourRoot> ROOTS =
            new OutputTag<>("archive-hour-roots", TypeInformation.of(ArchiveHourRoot.class));

    private transient ValueState<Integer> sealedGenerations;
    private transient ListState<byte[]> pendingLeaves;

    /**
     * {@code rows} and, when {@code anchoring} is given, the {@code archive_root} row of every
     * generation of every hour among them, whose roots go to {@code anchoring}; {@code rows} alone
     * when it is null (tests of other stages that count rows).
     */
    public static DataStream<ArchiveRecord> sealed(
            DataStream<ArchiveRecord> rows, Sink<ArchiveHourRoot> anchoring) {
        if (anchoring == null) {
            return rows;
        }
        SingleOutputStreamOperator<ArchiveRecord> roots =
                rows.keyBy(row -> ArchiveHourRoot.hourOf(row.eventTime()), Types.LONG)
                        .process(new ArchiveHourSealer())
                        .returns(ArchiveRecord.class)
                        .name("archive-hours")
                        .uid("archive-hours");
        roots.getSideOutput(ROOTS)
                .sinkTo(anchoring)
                .name("archive-roots-anchor")
                .uid("archive-roots-anchor-sink")
                // One writer account anchors, as for ack batches.
                .setParallelism(1);
        return rows.union(roots);
    }

    @Override
    public void open(OpenContext openContext) {
        sealedGenerations =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("sealed-generations", Types.INT));
        pendingLeaves =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending-leaves",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(ArchiveRecord row, Context ctx, Collector<ArchiveRecord> out)
            throws Exception {
        if (!ArchiveHourRoot.covers(row.kind())) {
            return;
        }
        pendingLeaves.add(new HourLeaves(List.of(ArchiveHourRoot.leaf(row))).toBytes());
        long sealAt = ctx.getCurrentKey() + HourLeaves.HOUR_MILLIS + SEAL_DELAY.toMillis();
        long watermark = ctx.timerService().currentWatermark();
        ctx.timerService().registerEventTimeTimer(watermark < sealAt ? sealAt : watermark + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ArchiveRecord> out)
            throws Exception {
        List<HourLeaves.Leaf> leaves = new ArrayList<>();
        for (byte[] stored : pendingLeaves.get()) {
            leaves.addAll(HourLeaves.fromBytes(stored).leaves());
        }
        if (leaves.isEmpty()) {
            return;
        }
        Integer sealed = sealedGenerations.value();
        int generation = sealed == null ? 0 : sealed;
        HourLeaves sorted = HourLeaves.sorted(leaves);
        ArchiveHourRoot root = ArchiveHourRoot.of(ctx.getCurrentKey(), generation, sorted);
        out.collect(root.row(sorted));
        ctx.output(ROOTS, root);
        sealedGenerations.update(generation + 1);
        pendingLeaves.clear();
    }
}
