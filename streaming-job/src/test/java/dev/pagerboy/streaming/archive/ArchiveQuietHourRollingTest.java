package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.Tick;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An hour bucket that goes quiet has its part file closed before the next checkpoint. A bounded run
 * over years of history writes hundreds of event hours between two checkpoints, and when every one
 * of them kept its Parquet writer open until the checkpoint, a ten-year run through {@code
 * ./pagerboy job} ran out of a 1 GB heap (docs/BENCHMARKS.md, "Ten years through ./pagerboy job").
 *
 * <p>Here rows for {@value #HOURS} event hours are written in one burst with no checkpoint to come
 * (the interval is ten minutes), and the writer then waits, up to a deadline, for their files to be
 * closed. Rolled on checkpoints only, none is.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ArchiveQuietHourRollingTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    static final int HOURS = 300;
    static final long T0 = Instant.parse("2016-01-01T00:00:00Z").toEpochMilli();
    static final Duration WAIT_FOR_CLOSE = Duration.ofSeconds(60);

    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final AtomicInteger CLOSED_BEFORE_THE_END = new AtomicInteger(-1);

    @TempDir Path archive;

    @Test
    void quietHoursAreClosedWithoutWaitingForACheckpoint() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(Duration.ofMinutes(10).toMillis());
        env.disableOperatorChaining(); // the sink's timers must run while the writer waits
        env.fromData(1)
                .flatMap(new HoursThenWait())
                .returns(ArchiveRecord.class)
                .sinkTo(
                        ArchiveSinks.parquet(
                                ArchiveLayout.at(archive.toUri().toString()),
                                new ArchiveRecordCodec(),
                                new CountingWriters()))
                .uid("archive");
        env.execute("quiet hours");

        assertThat(CLOSED_BEFORE_THE_END.get())
                .as("part files closed before the end of input, of %d opened", OPENED.get())
                .isEqualTo(HOURS);
        List<ArchiveRecord> expected = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            expected.add(row(h));
        }
        assertThat(ParquetArchive.reader(archive).readAll())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    static ArchiveRecord row(int hour) {
        return ArchiveRecord.tick(new Tick(T0 + Duration.ofHours(hour).toMillis()));
    }

    /** One row per hour, then a wait (bounded) until every hour's file has been closed. */
    static final class HoursThenWait implements FlatMapFunction<Integer, ArchiveRecord> {
        @Override
        public void flatMap(Integer ignored, Collector<ArchiveRecord> out) throws Exception {
            for (int h = 0; h < HOURS; h++) {
                out.collect(row(h));
            }
            long deadline = System.nanoTime() + WAIT_FOR_CLOSE.toNanos();
            while (CLOSED.get() < HOURS && System.nanoTime() < deadline) {
                Thread.sleep(50); // poll interval of a wait with a deadline
            }
            CLOSED_BEFORE_THE_END.set(CLOSED.get());
        }
    }

    /** The archive's Parquet writers, counted as they are opened and closed. */
    static final class CountingWriters implements BulkWriter.Factory<ArchiveRecord> {
        private static final long serialVersionUID = 1L;
        private final ParquetRowWriterFactory<ArchiveRecord> parquet =
                new ParquetRowWriterFactory<>(new ArchiveRecordCodec());

        @Override
        public BulkWriter<ArchiveRecord> create(FSDataOutputStream out) throws IOException {
            BulkWriter<ArchiveRecord> writer = parquet.create(out);
            OPENED.incrementAndGet();
            return new BulkWriter<>() {
                @Override
                public void addElement(ArchiveRecord element) throws IOException {
                    writer.addElement(element);
                }

                @Override
                public void flush() throws IOException {
                    writer.flush();
                }

                @Override
                public void finish() throws IOException {
                    writer.finish();
                    CLOSED.incrementAndGet();
                }
            };
        }
    }
}
