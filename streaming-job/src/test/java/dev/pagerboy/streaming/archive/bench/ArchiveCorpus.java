package dev.pagerboy.streaming.archive.bench;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.streaming.Pipeline;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.PipelineOutputs;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Real archive rows for the archive benchmarks and codec tests: the same generated stream as {@code
 * ./pagerboy bench pipeline} (datasets generator, Alertmanager webhooks) run through the real
 * {@link Pipeline} with the bench configuration on a local MiniCluster, its archive side collected
 * in memory. Every kind of row the bench writes is in it, with the payloads the functions build.
 */
public final class ArchiveCorpus {

    private static final Map<String, List<ArchiveRecord>> COLLECTED = new ConcurrentHashMap<>();

    private ArchiveCorpus() {}

    /**
     * {@link #generate}, cached in {@code cache} (if not null): running the pipeline takes a minute
     * or two on the shared machine, reading the rows back a second.
     */
    public static List<ArchiveRecord> cached(Path cache, Path config, long seed, int alerts)
            throws Exception {
        if (cache != null && Files.isRegularFile(cache)) {
            return read(cache);
        }
        List<ArchiveRecord> rows = generate(config, seed, alerts);
        if (cache != null) {
            write(rows, cache);
        }
        return rows;
    }

    /**
     * Archive rows of {@code alerts} generated alerts, ordered by event time then id (the order a
     * single writer would roughly see them in).
     */
    public static List<ArchiveRecord> generate(Path config, long seed, int alerts)
            throws Exception {
        List<RawInput> inputs = new ArrayList<>();
        AlertStreamGenerator generator =
                new AlertStreamGenerator(
                        GeneratorConfig.of(seed, alerts, AlertFormat.ALERTMANAGER));
        long[] offsets = new long[2];
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (!Envelope.ALERTS.equals(e.topic())) {
                continue;
            }
            int partition = inputs.size() % 2;
            inputs.add(
                    new RawInput(
                            "alerts",
                            partition,
                            offsets[partition]++,
                            e.ts(),
                            e.keyBytes(),
                            e.value()));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        DataStream<RawInput> alertStream =
                env.fromData(inputs, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        long first = inputs.isEmpty() ? 0 : inputs.get(0).timestamp();
        DataStream<Tick> ticks =
                env.fromData(List.of(new Tick(first)), TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> silences =
                env.fromData(
                                List.of(
                                        new RawInput(
                                                "silences", 0, 0, first, null, "{}".getBytes())),
                                TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        Collecting<ArchiveRecord> archive = new Collecting<>();
        Pipeline.define(
                env,
                PipelineConfig.of(PagerBoyConfig.load(config)),
                new PipelineInputs(alertStream, ticks, silences),
                new PipelineOutputs(
                        new Collecting<Notification>(), new Collecting<DeadLetter>(), archive));
        env.execute("archive corpus");
        List<ArchiveRecord> rows = new ArrayList<>(archive.values());
        rows.sort(
                Comparator.comparingLong(ArchiveRecord::eventTime)
                        .thenComparing(ArchiveRecord::id));
        return rows;
    }

    private static void write(List<ArchiveRecord> rows, Path file) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(rows.size());
            for (ArchiveRecord r : rows) {
                out.writeInt(r.schemaVersion());
                text(out, r.id());
                text(out, r.kind().text());
                out.writeLong(r.eventTime());
                text(out, r.key());
                text(out, r.sourceTopic());
                out.writeInt(r.sourcePartition());
                out.writeLong(r.sourceOffset());
                text(out, r.outcome());
                text(out, r.payloadJson());
                out.writeInt(r.raw().length);
                out.write(r.raw());
            }
        }
    }

    private static List<ArchiveRecord> read(Path file) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<ArchiveRecord> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(
                        new ArchiveRecord(
                                in.readInt(),
                                text(in),
                                ArchiveKind.fromText(text(in)),
                                in.readLong(),
                                text(in),
                                text(in),
                                in.readInt(),
                                in.readLong(),
                                text(in),
                                text(in),
                                bytes(in)));
            }
            return rows;
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /** Keeps what the job's archive side emits in this JVM's memory (the MiniCluster is local). */
    private static final class Collecting<T> implements Sink<T> {
        private final String bucket = UUID.randomUUID().toString();

        Collecting() {
            COLLECTED.put(bucket, Collections.synchronizedList(new ArrayList<>()));
        }

        @SuppressWarnings("unchecked")
        List<T> values() {
            List<ArchiveRecord> values = COLLECTED.remove(bucket);
            synchronized (values) {
                return (List<T>) new ArrayList<>(values);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public SinkWriter<T> createWriter(WriterInitContext context) {
            List<Object> target = (List<Object>) (List<?>) COLLECTED.get(bucket);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    target.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
