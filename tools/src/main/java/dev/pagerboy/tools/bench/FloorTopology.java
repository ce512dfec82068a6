package dev.pagerboy.tools.bench;

import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.sinks.ExactlyOnceKafkaSinks;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The shape of the job's {@code Pipeline} with each stage's work replaced by next to nothing: what
 * Flink itself costs on this machine for the job's sources, shuffles, keyed state, broadcast inputs
 * and sinks, before any decision is made. {@link FloorBench} runs it rung by rung ({@link Rung}),
 * each rung adding one part of the shape, beside the real job.
 *
 * <p>Mirrored from {@code Pipeline.define}: the alert and tick sources connected into one parse
 * stage (its dead-letter and archive side outputs); a keyBy by fingerprint into dedup with the
 * handler and route chained behind it (reinterpreted as keyed, no second shuffle); silences, ticks
 * and route's side output unioned and broadcast into the group stage, keyed by group; a keyBy by
 * incident key into the incident stage with the ticks broadcast; pages to a transactional Kafka
 * sink; dead letters and incident transitions to their transactional sinks; the archive's rows to
 * the Parquet file sink. Each keyed stage reads and writes one {@code long} of keyed state per
 * record (the changelog backend logs every write). Group emits a page for one alert in five, about
 * the real job's notifications per alert on this input (0.2).
 *
 * <p>Left out: the acks, PagerDuty-ack and receipts branches (their topics are empty in this bench;
 * their sources are read), event-time timers (dedup's buffering, group's waits, incident
 * escalations), the archive sealer's keyBy by event hour, and every decision (parsing JSON, the
 * handler VM, route matching, canonical JSON rows). The archive rung writes one row per input (the
 * raw alert or tick row), where the real job writes about 2.4 per alert.
 */
public final class FloorTopology {

    /** What a rung runs, each adding to the one before. */
    public enum Rung {
        /** Flink: alerts source → transactional Kafka sink of the same bytes, one chained task. */
        COPY("copy"),
        /** + the ticks source connected into a near-zero parse, then the sink. */
        PARSE("parse"),
        /** + the job's three keyBys, keyed state, broadcast control, every source and sink. */
        SHUFFLES("shuffles"),
        /** + one Parquet archive row per input through the job's archive file sink. */
        ARCHIVE("archive");

        private final String cliName;

        Rung(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }
    }

    /**
     * An alert after the near-zero parse: a key standing for its fingerprint, its event time, and
     * its bytes, which every shuffle carries as the real job's records carry the alert.
     */
    public record FloorEvent(long key, long time, byte[] value) {}

    /** A broadcast control record (silence or tick), near-empty. */
    public record FloorControl(long time) {}

    static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("floor-dead-letters", TypeInformation.of(DeadLetter.class));
    static final OutputTag<ArchiveRecord> ARCHIVE =
            new OutputTag<>("floor-archive", TypeInformation.of(ArchiveRecord.class));
    static final OutputTag<FloorControl> INHIBITION_SOURCES =
            new OutputTag<>("floor-inhibition", TypeInformation.of(FloorControl.class));
    static final MapStateDescriptor<Long, Long> CONTROL =
            new MapStateDescriptor<>("floor-control", Types.LONG, Types.LONG);

    /** Groups the fingerprints fall into; about the real job's ratio of groups to alerts. */
    static final int GROUPS = 4_096;

    private FloorTopology() {}

    /**
     * Where a skeleton writes: live, the job's transactional Kafka sinks and Parquet archive;
     * replay, discarding sinks beside the archive, as {@code ReplayJob} has.
     */
    public record Sinks(
            Sink<FloorEvent> pages,
            Sink<FloorEvent> incidents,
            Sink<DeadLetter> deadLetters,
            Sink<ArchiveRecord> archive) {

        /** The live job's kinds of sinks, pages to {@code pagesTopic}. */
        static Sinks live(JobConfig cfg, String pagesTopic) {
            return new Sinks(
                    bytesSink(cfg.outputs(), "floor-pages", pagesTopic),
                    bytesSink(cfg.outputs(), "floor-incidents", cfg.topics().incidents()),
                    ExactlyOnceKafkaSinks.deadLetters(cfg.outputs(), cfg.topics().deadLetters()),
                    ParquetArchive.sink(cfg.archive()));
        }

        /** Replay's: outputs discarded, the archive written under {@code archive}. */
        static Sinks replay(Sink<ArchiveRecord> archive) {
            return new Sinks(
                    new DiscardingSink<>(),
                    new DiscardingSink<>(),
                    new DiscardingSink<>(),
                    archive);
        }
    }

    /** Adds {@code rung}'s topology over {@code in} (their environment) writing to {@code out}. */
    public static void define(Rung rung, PipelineInputs in, Sinks out) {
        Sink<FloorEvent> pages = out.pages();
        if (rung == Rung.COPY) {
            in.alerts()
                    .map(r -> new FloorEvent(0, r.timestamp(), r.value()))
                    .returns(FloorEvent.class)
                    .name("copy")
                    .sinkTo(pages)
                    .name("pages");
            return;
        }
        boolean archive = rung == Rung.ARCHIVE;
        SingleOutputStreamOperator<FloorEvent> parsed =
                in.alerts().connect(in.ticks()).process(new Parse(archive)).name("parse");
        if (rung == Rung.PARSE) {
            parsed.sinkTo(pages).name("pages");
            return;
        }

        SingleOutputStreamOperator<FloorEvent> deduped =
                parsed.keyBy(FloorEvent::key, Types.LONG).process(new Touch()).name("dedup");
        SingleOutputStreamOperator<FloorEvent> handled =
                DataStreamUtils.reinterpretAsKeyedStream(deduped, FloorEvent::key, Types.LONG)
                        .process(new Touch())
                        .name("handler");
        SingleOutputStreamOperator<FloorEvent> routed = handled.process(new Route()).name("route");

        SingleOutputStreamOperator<FloorControl> silences =
                in.silences()
                        .process(new ParseControl())
                        .returns(FloorControl.class)
                        .name("parse-silences");
        BroadcastStream<FloorControl> control =
                silences.union(
                                routed.getSideOutput(INHIBITION_SOURCES),
                                in.ticks()
                                        .map(t -> new FloorControl(t.eventTime()))
                                        .returns(FloorControl.class)
                                        .name("ticks-to-groups"))
                        .broadcast(CONTROL);
        SingleOutputStreamOperator<FloorEvent> notifications =
                routed.keyBy(FloorEvent::key, Types.LONG)
                        .connect(control)
                        .process(new Group())
                        .name("group");

        SingleOutputStreamOperator<FloorEvent> incidents =
                notifications
                        .map(e -> new FloorEvent(e.key() * 31, e.time(), e.value()))
                        .returns(FloorEvent.class)
                        .name("flushes-to-incidents")
                        .keyBy(FloorEvent::key, Types.LONG)
                        .connect(
                                in.ticks()
                                        .map(t -> new FloorControl(t.eventTime()))
                                        .returns(FloorControl.class)
                                        .name("ticks-to-incidents")
                                        .broadcast(CONTROL))
                        .process(new Incident())
                        .name("incidents");

        incidents.sinkTo(pages).name("notifications");
        incidents
                .getSideOutput(INHIBITION_SOURCES)
                .map(c -> new FloorEvent(c.time(), c.time(), new byte[0]))
                .returns(FloorEvent.class)
                .sinkTo(out.incidents())
                .name("incidents-out");
        parsed.getSideOutput(DEAD_LETTERS)
                .union(silences.getSideOutput(DEAD_LETTERS))
                .sinkTo(out.deadLetters())
                .name("dead-letters");
        in.acks().union(in.receipts()).sinkTo(new DiscardingSink<>()).name("acks-and-receipts");

        if (archive) {
            parsed.getSideOutput(ARCHIVE)
                    .union(
                            deduped.getSideOutput(ARCHIVE),
                            handled.getSideOutput(ARCHIVE),
                            routed.getSideOutput(ARCHIVE),
                            notifications.getSideOutput(ARCHIVE),
                            incidents.getSideOutput(ARCHIVE))
                    .sinkTo(out.archive())
                    .name("archive");
        }
    }

    /** A transactional Kafka sink of the events' bytes, as the job's page sink is transactional. */
    static KafkaSink<FloorEvent> bytesSink(
            ExactlyOnceSinkSettings settings, String role, String topic) {
        KafkaRecordSerializationSchema<FloorEvent> serializer =
                (e, context, timestamp) ->
                        new ProducerRecord<>(topic, null, e.time(), null, e.value());
        return KafkaSink.<FloorEvent>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + role)
                .setProperty(
                        "transaction.timeout.ms",
                        Long.toString(settings.transactionTimeout().toMillis()))
                .setRecordSerializer(serializer)
                .build();
    }

    /** A key standing for the fingerprint: the record key's hash (the generator keys by it). */
    static long keyOf(RawInput r) {
        byte[] k = r.key() != null && r.key().length > 0 ? r.key() : r.value();
        return Arrays.hashCode(k);
    }

    /** The near-zero parse: a key from the record key, no JSON read; ticks pass. */
    static final class Parse extends CoProcessFunction<RawInput, Tick, FloorEvent> {
        private final boolean archive;

        Parse(boolean archive) {
            this.archive = archive;
        }

        @Override
        public void processElement1(RawInput r, Context ctx, Collector<FloorEvent> out) {
            if (archive) {
                ctx.output(ARCHIVE, ArchiveRecord.rawAlert(r));
            }
            out.collect(new FloorEvent(keyOf(r), r.timestamp(), r.value()));
        }

        @Override
        public void processElement2(Tick t, Context ctx, Collector<FloorEvent> out) {
            if (archive) {
                ctx.output(ARCHIVE, ArchiveRecord.tick(t));
            }
        }
    }

    /** Silences to broadcast control records. */
    static final class ParseControl extends ProcessFunction<RawInput, FloorControl> {
        @Override
        public void processElement(RawInput r, Context ctx, Collector<FloorControl> out) {
            out.collect(new FloorControl(r.timestamp()));
        }
    }

    /** One read and one write of a {@code long} of keyed state per record (dedup, handler). */
    static final class Touch extends KeyedProcessFunction<Long, FloorEvent, FloorEvent> {
        private transient ValueState<Long> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.LONG));
        }

        @Override
        public void processElement(FloorEvent e, Context ctx, Collector<FloorEvent> out)
                throws Exception {
            Long n = seen.value();
            seen.update(n == null ? 1 : n + 1);
            out.collect(e);
        }
    }

    /** Route: the group key, no matching. */
    static final class Route extends ProcessFunction<FloorEvent, FloorEvent> {
        @Override
        public void processElement(FloorEvent e, Context ctx, Collector<FloorEvent> out) {
            out.collect(new FloorEvent(Math.floorMod(e.key(), GROUPS), e.time(), e.value()));
        }
    }

    /** Group: keyed state touched per alert, a page for one alert in five of each group. */
    static final class Group
            extends KeyedBroadcastProcessFunction<Long, FloorEvent, FloorControl, FloorEvent> {
        private transient ValueState<Long> alerts;

        @Override
        public void open(OpenContext context) {
            alerts = getRuntimeContext().getState(new ValueStateDescriptor<>("alerts", Types.LONG));
        }

        @Override
        public void processElement(FloorEvent e, ReadOnlyContext ctx, Collector<FloorEvent> out)
                throws Exception {
            Long n = alerts.value();
            long next = n == null ? 1 : n + 1;
            alerts.update(next);
            if (next % 5 == 1) {
                out.collect(e);
            }
        }

        @Override
        public void processBroadcastElement(FloorControl c, Context ctx, Collector<FloorEvent> out)
                throws Exception {
            ctx.getBroadcastState(CONTROL).put(0L, c.time());
        }
    }

    /** Incidents: keyed state touched per page, the page passed on. */
    static final class Incident
            extends KeyedBroadcastProcessFunction<Long, FloorEvent, FloorControl, FloorEvent> {
        private transient ValueState<Long> pages;

        @Override
        public void open(OpenContext context) {
            pages = getRuntimeContext().getState(new ValueStateDescriptor<>("pages", Types.LONG));
        }

        @Override
        public void processElement(FloorEvent e, ReadOnlyContext ctx, Collector<FloorEvent> out)
                throws Exception {
            Long n = pages.value();
            pages.update(n == null ? 1 : n + 1);
            out.collect(e);
        }

        @Override
        public void processBroadcastElement(FloorControl c, Context ctx, Collector<FloorEvent> out)
                throws Exception {
            ctx.getBroadcastState(CONTROL).put(0L, c.time());
        }
    }
}
