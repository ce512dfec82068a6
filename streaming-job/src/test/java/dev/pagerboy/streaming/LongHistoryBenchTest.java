package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.history.OutageHistory;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long-history run of issue 22, as a measurement (docs/BENCHMARKS.md, "Long history"): about
 * 50,000 alerts over ten years (node outages with lognormal durations, some over two days, one
 * firing and one resolve each, daily ticks), through the whole pipeline twice. It prints wall time,
 * peak heap and counts, checks that both runs give the same notifications, and that the page count
 * is within 10 % of an independent count from the input alone. Too slow for every build: run it
 * with {@code -Dpagerboy.bench.years=10} (and {@code -Dpagerboy.bench.nodes}, default 71; the
 * CI-sized check of the same properties is {@link LongHistoryDeterminismTest}).
 */
@Tag("integration")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@EnabledIfSystemProperty(named = "pagerboy.bench.years", matches = "\\d+")
class LongHistoryBenchTest {

    @RegisterExtension
    static final MiniClusterExtension flink =
            FlinkMiniCluster.extension(InMemoryReporter.createWithRetainedMetrics());

    private static final long T0 = 1_767_225_600_000L;
    private static final long GROUP_WAIT = 30_000L;
    private static final long REPEAT = 4 * HistoryInputs.HOUR;

    @Test
    void tenYearsOfOutages() throws Exception {
        int years = Integer.getInteger("pagerboy.bench.years");
        // 71 nodes give about 50,000 alerts in ten years, the size (session 5 used 85).
        int nodes = Integer.getInteger("pagerboy.bench.nodes", 71);
        HistoryInputs history =
                new HistoryInputs(10L, T0, years * 365, nodes, 10.0, HistoryInputs.DAY);
        System.out.printf(
                "long history: %d years, %d nodes, %d outages, %d alerts, %d ticks, %d > 2 days%n",
                years,
                nodes,
                history.outages.size(),
                history.alerts.size(),
                history.ticks.size(),
                history.longerThan(2 * HistoryInputs.DAY));

        List<String> first = run(history, "first");
        List<String> second = run(history, "second");

        assertThat(second).isEqualTo(first);
        long expected = independentPageCount(history);
        System.out.printf(
                "long history: %d pages, independent count %d (%.1f %%)%n",
                first.size(), expected, 100.0 * (first.size() - expected) / expected);
        assertThat((double) first.size()).isBetween(0.9 * expected, 1.1 * expected);
    }

    /**
     * Pages from the input alone, as Alertmanager would send them for one group per node: the first
     * after group_wait, a repeat every repeat_interval while it fires (flushes fall on group_wait +
     * k × group_interval, and repeat_interval is a multiple of it), and one resolve at the next
     * flush; an outage shorter than group_wait is never told. Inhibition is ignored.
     */
    static long independentPageCount(HistoryInputs history) {
        long pages = 0;
        for (OutageHistory.Outage o : history.outages) {
            long duration = o.end() - o.start();
            if (duration <= GROUP_WAIT) {
                continue;
            }
            pages += 2 + (duration - GROUP_WAIT - 1) / REPEAT;
        }
        return pages;
    }

    private static List<String> run(HistoryInputs history, String name) throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long started = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(FlinkMiniCluster.PARALLELISM);
        DataStream<RawInput> alerts =
                env.fromData(history.alerts, TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        DataStream<Tick> ticks =
                env.fromData(history.ticks, TypeInformation.of(Tick.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.eventTime()));
        DataStream<RawInput> silences =
                env.fromData(List.of(history.alerts.get(0)), TypeInformation.of(RawInput.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.timestamp()));
        Signatures pages = new Signatures();
        Counting<DeadLetter> deadLetters = new Counting<>();
        Counting<ArchiveRecord> archive = new Counting<>();
        Pipeline.define(
                env,
                PipelineConfig.of(LongHistoryDeterminismTest.config()),
                new PipelineInputs(alerts, ticks, silences),
                new PipelineOutputs(pages, deadLetters, archive));
        env.execute("long history " + name);
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        List<String> signatures = pages.values();
        System.out.printf(
                "long history %s: %.1f s, peak heap %d MB (max %d MB), %d archive rows,"
                        + " %d pages%n",
                name,
                (System.nanoTime() - started) / 1e9,
                heapPeak >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                archive.count(),
                signatures.size());
        Collections.sort(signatures);
        return signatures;
    }

    /** Keeps one line per notification (key, time, status, alerts), not the records. */
    private static final class Signatures implements Sink<Notification> {
        private static final Map<String, List<String>> BUCKETS = new ConcurrentHashMap<>();
        private final String bucket = UUID.randomUUID().toString();

        Signatures() {
            BUCKETS.put(bucket, Collections.synchronizedList(new ArrayList<>()));
        }

        List<String> values() {
            return new ArrayList<>(BUCKETS.get(bucket));
        }

        @Override
        public SinkWriter<Notification> createWriter(WriterInitContext context) {
            List<String> target = BUCKETS.get(bucket);
            return new SinkWriter<>() {
                @Override
                public void write(Notification n, Context ctx) {
                    target.add(
                            n.idempotencyKey()
                                    + " "
                                    + n.eventTime()
                                    + " "
                                    + n.status()
                                    + " "
                                    + n.alerts().size());
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** Counts what it receives and keeps nothing. */
    private static final class Counting<T> implements Sink<T> {
        private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
        private final String bucket = UUID.randomUUID().toString();

        Counting() {
            COUNTS.put(bucket, new AtomicLong());
        }

        long count() {
            return COUNTS.get(bucket).get();
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            AtomicLong target = COUNTS.get(bucket);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    target.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
