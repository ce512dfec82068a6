package dev.pagerboy.streaming.sources;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaSource} whose bounded runs finish after their enumerator was restored (a global
 * failover, such as the one after checkpoints expire, or a start from a savepoint or retained
 * checkpoint).
 *
 * <p>flink-connector-kafka 5.0.0-2.2 sends a bounded source's readers "no more splits" only from
 * the callback that assigns newly discovered partitions. A restored enumerator already holds every
 * partition as assigned, so its one discovery finds no change, returns before that callback, and
 * never signals (FLINK-31006, open upstream). Readers then read their splits to the end and wait
 * forever; a reader whose split had finished before the checkpoint has no split at all and emits no
 * watermark, so event time stays at {@code Long.MIN_VALUE} while checkpoints keep succeeding. This
 * wrapper watches the restored enumerator's discovery: when it schedules no split initialisation
 * (nothing new was found), every split is already with a reader, and it signals "no more splits" to
 * each reader once per registration, as the connector does on a fresh start. Its readers warn when
 * they have no split ({@link SplitlessReaderWarning}).
 */
public final class RestoredBoundedKafkaSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestoredBoundedKafkaSource.class);

    private final KafkaSource<T> kafka;
    private final String name;
    private final Duration warnWithoutSplitAfter;

    /**
     * @param kafka the source
     * @param name the source's name in warnings
     * @param warnWithoutSplitAfter how long a reader may have no split before it warns ({@link
     *     SplitlessReaderWarning})
     */
    public RestoredBoundedKafkaSource(
            KafkaSource<T> kafka, String name, Duration warnWithoutSplitAfter) {
        this.kafka = kafka;
        this.name = name;
        this.warnWithoutSplitAfter = warnWithoutSplitAfter;
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new SplitlessReaderWarning<>(
                kafka.createReader(context),
                warnWithoutSplitAfter,
                name + " reader " + context.getIndexOfSubtask(),
                context.metricGroup());
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
            throws Exception {
        if (kafka.getBoundedness() != Boundedness.BOUNDED) {
            return kafka.restoreEnumerator(context, state);
        }
        DiscoveryWatch watch = new DiscoveryWatch(context);
        return new SignallingEnumerator(kafka.restoreEnumerator(watch, state), watch);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return kafka.getProducedType();
    }

    /**
     * The enumerator's context, noting whether the first asynchronous call (the discovery) went on
     * to a second one (initialising splits for new partitions) or stopped there.
     */
    private static final class DiscoveryWatch
            implements SplitEnumeratorContext<KafkaPartitionSplit> {
        private final SplitEnumeratorContext<KafkaPartitionSplit> context;
        private final Set<Integer> signalled = new HashSet<>();
        private int asyncCalls;
        private boolean nothingNew;

        DiscoveryWatch(SplitEnumeratorContext<KafkaPartitionSplit> context) {
            this.context = context;
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler) {
            int call = ++asyncCalls;
            if (call != 1) {
                context.callAsync(callable, handler);
                return;
            }
            context.callAsync(
                    callable,
                    (result, error) -> {
                        handler.accept(result, error);
                        if (error == null && asyncCalls == 1) {
                            nothingNew = true;
                            LOG.info(
                                    "Restored bounded Kafka source found no new partition: every"
                                            + " split is with a reader; signalling no more splits"
                                            + " to readers {}",
                                    context.registeredReaders().keySet());
                            for (int reader : context.registeredReaders().keySet()) {
                                signalOnce(reader);
                            }
                        }
                    });
        }

        /** A reader (re)registers: it has not been told yet in this registration. */
        void registering(int reader) {
            signalled.remove(reader);
        }

        void registered(int reader) {
            if (nothingNew) {
                signalOnce(reader);
            }
        }

        private void signalOnce(int reader) {
            if (signalled.add(reader)) {
                context.signalNoMoreSplits(reader);
            }
        }

        @Override
        public <R> void callAsync(
                Callable<R> callable,
                BiConsumer<R, Throwable> handler,
                long initialDelay,
                long period) {
            context.callAsync(callable, handler, initialDelay, period);
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, event);
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, int attempt, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, attempt, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<KafkaPartitionSplit> assignment) {
            context.assignSplits(assignment);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            signalOnce(subtask);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }

    /** The restored enumerator, telling the watch when a reader (re)registers. */
    private static final class SignallingEnumerator
            implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
        private final SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> enumerator;
        private final DiscoveryWatch watch;

        SignallingEnumerator(
                SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> enumerator,
                DiscoveryWatch watch) {
            this.enumerator = enumerator;
            this.watch = watch;
        }

        @Override
        public void start() {
            enumerator.start();
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            enumerator.handleSplitRequest(subtaskId, requesterHostname);
        }

        @Override
        public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
            enumerator.addSplitsBack(splits, subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            watch.registering(subtaskId);
            enumerator.addReader(subtaskId);
            watch.registered(subtaskId);
        }

        @Override
        public KafkaSourceEnumState snapshotState(long checkpointId) throws Exception {
            return enumerator.snapshotState(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            enumerator.close();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            enumerator.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
            enumerator.handleSourceEvent(subtaskId, sourceEvent);
        }
    }
}
