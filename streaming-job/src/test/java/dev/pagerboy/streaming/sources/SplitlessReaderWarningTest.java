package dev.pagerboy.streaming.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.mocks.MockSourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class SplitlessReaderWarningTest {

    /** Keeps the metrics registered on it, by name. */
    private static final class Metrics extends UnregisteredMetricsGroup {
        final java.util.Map<String, Metric> registered = new java.util.HashMap<>();

        @Override
        public MetricGroup addGroup(String name) {
            return this;
        }

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            registered.put(name, counter);
            return counter;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new org.apache.flink.metrics.SimpleCounter());
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            registered.put(name, gauge);
            return gauge;
        }
    }

    /** A reader that reads nothing. */
    private static final class Idle implements SourceReader<String, MockSourceSplit> {
        final List<MockSourceSplit> splits = new ArrayList<>();

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<String> output) {
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<MockSourceSplit> snapshotState(long checkpointId) {
            return splits;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return new CompletableFuture<>();
        }

        @Override
        public void addSplits(List<MockSourceSplit> added) {
            splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    private static long warnings(Metrics metrics) {
        return ((Counter) metrics.registered.get("readersWithoutSplit")).getCount();
    }

    private static void awaitWarnings(Metrics metrics, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (warnings(metrics) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void warnsWhenAReaderHasNoSplitAfterTheGivenTime() throws Exception {
        Metrics metrics = new Metrics();
        var reader =
                new SplitlessReaderWarning<>(
                        new Idle(), Duration.ofMillis(20), "alerts reader 0", metrics);
        reader.start();

        awaitWarnings(metrics, 1);

        assertThat(warnings(metrics)).isEqualTo(1);
        assertThat(((Gauge<?>) metrics.registered.get("assignedSplits")).getValue()).isEqualTo(0);
        reader.close();
    }

    @Test
    void staysQuietWhenTheReaderHasASplitOrWasToldThereAreNone() throws Exception {
        Metrics withSplit = new Metrics();
        var reading =
                new SplitlessReaderWarning<>(
                        new Idle(), Duration.ofHours(1), "alerts reader 0", withSplit);
        reading.addSplits(List.of(new MockSourceSplit(0)));
        reading.start();
        Metrics told = new Metrics();
        var finished =
                new SplitlessReaderWarning<>(
                        new Idle(), Duration.ofHours(1), "alerts reader 1", told);
        finished.notifyNoMoreSplits();
        finished.start();
        Metrics control = new Metrics();
        var splitless =
                new SplitlessReaderWarning<>(
                        new Idle(), Duration.ofHours(1), "alerts reader 2", control);
        splitless.start();
        for (var r : List.of(reading, finished, splitless)) {
            r.warnIfSplitless(); // the check the timer makes, made now
        }

        assertThat(warnings(control)).isEqualTo(1);
        assertThat(warnings(withSplit)).isZero();
        assertThat(warnings(told)).isZero();
        assertThat(((Gauge<?>) withSplit.registered.get("assignedSplits")).getValue()).isEqualTo(1);
        reading.close();
        finished.close();
        splitless.close();
    }
}
