package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Seals each event hour of the archive: keyed by hour, it keeps the (row id, digest) leaf of every
 * row of an open hour — never the row — and once the watermark passes the hour's end plus {@link
 * #SEAL_DELAY} it computes the hour's {@link ArchiveHourRoot}, emits the hour's {@code
 * archive_root} row (which goes to the archive with the rows it covers) and hands the root on for
 * anchoring ({@link #ROOTS}). Rows that reach a sealed hour are sealed as generation 1, 2, … of
 * that hour when the watermark next passes a day's end plus the delay ({@link #nextSeal}), and at
 * the latest at the end of the input ({@link Operator}).
 *
 * <p>Deterministic: which rows make a generation depends only on the rows and the watermarks the
 * pipeline derives from its inputs, never on checkpoints, wall time or parallelism, so the same
 * input gives the same roots in a live, a bounded and a replayed run. The state is its own
 * checkpoint partner of the archive's file sink: after a restore both agree on the rows seen.
 *
 * <p>Each row's leaf is computed where the row is made ({@link #leaves}), in the stage that wrote
 * it, and only the leaf reaches this keyed stage: hashing every row here made one subtask per open
 * hour hash every row of it (a live job has one or two hours open) after the whole row had crossed
 * a second shuffle, 15 % of the bench job's CPU (docs/BENCHMARKS.md, issue 13, session 10).
 *
 * <p>Why a delay past the hour: the watermark already allows for out-of-order input; a row of hour
 * H can still come later from a stage that decides at a timer (a group flush muting an earlier
 * alert, a late input applied at the watermark). Ten minutes keeps almost every hour in one
 * generation while keeping at most two hours open.
 */
public final class ArchiveHourSealer
        extends KeyedProcessFunction<Long, ArchiveHourSealer.RowLeaf, ArchiveRecord> {

    private static final long serialVersionUID = 1L;

    /** How far past its end the watermark must be before an hour is sealed. */
    public static final Duration SEAL_DELAY = Duration.ofMinutes(10);

    /** How often rows that reached already sealed hours are sealed (a UTC day). */
    static final long LATE_SEAL_PERIOD = Duration.ofDays(1).toMillis();

    /** The sealed roots, to anchor. */
    public static final OutputTag<ArchiveHourRoot> ROOTS =
            new OutputTag<>("archive-hour-roots", TypeInformation.of(ArchiveHourRoot.class));

    private static final String PENDING = "pending-leaves";

    private transient ValueState<Integer> sealedGenerations;
    private transient ListState<byte[]> pendingLeaves;

    /**
     * {@code rows} and, when {@code anchoring} is given, the {@code archive_root} row of every
     * generation of every hour among them, whose roots go to {@code anchoring}; {@code rows} alone
     * when it is null (tests of other stages that count rows).
     */
    public static DataStream<ArchiveRecord> sealed(
            DataStream<ArchiveRecord> rows, Sink<ArchiveHourRoot> anchoring) {
        return sealed(List.of(rows), anchoring);
    }

    /**
     * As {@link #sealed(DataStream, Sink)} for the rows of several stages: each stage's rows get
     * their leaves in that stage's own task ({@link #leaves}), so only the leaves are shuffled by
     * hour.
     */
    public static DataStream<ArchiveRecord> sealed(
            List<DataStream<ArchiveRecord>> stages, Sink<ArchiveHourRoot> anchoring) {
        DataStream<ArchiveRecord> rows = union(stages);
        if (anchoring == null) {
            return rows;
        }
        List<DataStream<RowLeaf>> leaves = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            leaves.add(leaves(stages.get(i), i));
        }
        SingleOutputStreamOperator<ArchiveRecord> roots =
                union(leaves)
                        .keyBy(RowLeaf::hour, Types.LONG)
                        .transform(
                                "archive-hours",
                                TypeInformation.of(ArchiveRecord.class),
                                new Operator())
                        .uid("archive-hours");
        roots.getSideOutput(ROOTS)
                .sinkTo(anchoring)
                .name("archive-roots-anchor")
                .uid("archive-roots-anchor-sink")
                // One writer account anchors, as for ack batches.
                .setParallelism(1);
        return rows.union(roots);
    }

    /**
     * The leaf of every row of {@code rows} that an hour covers, made by a stateless step that
     * Flink chains to the stage writing the rows ({@code index} tells the steps apart).
     */
    static DataStream<RowLeaf> leaves(DataStream<ArchiveRecord> rows, int index) {
        return rows.flatMap(new LeafOf())
                .returns(RowLeaf.class)
                .name("archive-leaves")
                .uid("archive-leaves-" + index);
    }

    /** The leaf of a row that an hour {@linkplain ArchiveHourRoot#covers covers}; none else. */
    static final class LeafOf implements FlatMapFunction<ArchiveRecord, RowLeaf> {

        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ArchiveRecord row, Collector<RowLeaf> out) {
            if (ArchiveHourRoot.covers(row.kind())) {
                out.collect(RowLeaf.of(row));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        return first.union(streams.subList(1, streams.size()).toArray(DataStream[]::new));
    }

    /**
     * What the sealer keeps of one archive row: its event hour and its (row id, digest) leaf in the
     * stored form of a one-leaf {@link HourLeaves}.
     *
     * @param hour the start of the row's event hour
     * @param leaf {@code new HourLeaves(List.of(ArchiveHourRoot.leaf(row))).toBytes()}
     */
    public record RowLeaf(long hour, byte[] leaf) {

        /**
         * The leaf of {@code row}, which an hour must {@linkplain ArchiveHourRoot#covers cover}.
         */
        public static RowLeaf of(ArchiveRecord row) {
            return new RowLeaf(
                    ArchiveHourRoot.hourOf(row.eventTime()),
                    new HourLeaves(List.of(ArchiveHourRoot.leaf(row))).toBytes());
        }
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
                                        PENDING,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(RowLeaf row, Context ctx, Collector<ArchiveRecord> out)
            throws Exception {
        pendingLeaves.add(row.leaf());
        long sealAt = ctx.getCurrentKey() + HourLeaves.HOUR_MILLIS + SEAL_DELAY.toMillis();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE) {
            // Event time has ended (the other inputs finished while this row's input was idle):
            // no timer will fire again, so the end of the input seals it (Operator.finish).
            return;
        }
        ctx.timerService()
                .registerEventTimeTimer(watermark < sealAt ? sealAt : nextSeal(watermark));
    }

    /**
     * When rows that reach sealed hours at {@code watermark} are sealed: when the watermark next
     * passes the end of a UTC day plus the delay, so the late rows of a whole day of event time
     * make one generation per hour they belong to. Per hour or per watermark made up to 13
     * generations of an hour in the demo, whose delivery receipts lag the watermark by many hours
     * of its fast-forwarded event time; late rows are few in a job that runs in real time, so
     * holding them for up to a day costs little state.
     */
    static long nextSeal(long watermark) {
        long delay = SEAL_DELAY.toMillis();
        long next =
                Math.floorDiv(watermark - delay, LATE_SEAL_PERIOD) * LATE_SEAL_PERIOD
                        + LATE_SEAL_PERIOD
                        + delay;
        return next > watermark ? next : Long.MAX_VALUE; // past the last day: the end seals them
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ArchiveRecord> out)
            throws Exception {
        seal(ctx.getCurrentKey(), out, root -> ctx.output(ROOTS, root));
    }

    /**
     * Seals the current key's pending rows, if any, as the hour's next generation: its {@code
     * archive_root} row to {@code out}, its root to {@code roots}.
     */
    void seal(long hour, Collector<ArchiveRecord> out, Consumer<ArchiveHourRoot> roots)
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
        ArchiveHourRoot root = ArchiveHourRoot.of(hour, generation, sorted);
        out.collect(root.row(sorted));
        roots.accept(root);
        sealedGenerations.update(generation + 1);
        pendingLeaves.clear();
    }

    /**
     * The stage's operator: Flink's keyed process operator, which at the end of the input also
     * seals what no timer can any more — rows that reached an hour after event time had ended
     * ({@link #processElement}). Without it those rows would be archived under no root.
     */
    public static final class Operator extends KeyedProcessOperator<Long, RowLeaf, ArchiveRecord> {

        private static final long serialVersionUID = 1L;

        public Operator() {
            super(new ArchiveHourSealer());
        }

        @Override
        public void finish() throws Exception {
            ArchiveHourSealer sealer = (ArchiveHourSealer) userFunction;
            KeyedStateBackend<Long> backend = getKeyedStateBackend();
            List<Long> open;
            try (Stream<Long> keys = backend.getKeys(PENDING, VoidNamespace.INSTANCE)) {
                open = keys.sorted().toList();
            }
            TimestampedCollector<ArchiveRecord> out = new TimestampedCollector<>(output);
            for (long hour : open) {
                setCurrentKey(hour);
                out.setAbsoluteTimestamp(hour);
                sealer.seal(
                        hour, out, root -> output.collect(ROOTS, new StreamRecord<>(root, hour)));
            }
            super.finish();
        }
    }
}
