package dev.pagerboy.streaming.sources;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a fresh job starts reading an input topic: at the consumer group's committed offset, or at
 * the beginning of a partition the group has never committed. (A job restored from a checkpoint or
 * savepoint uses the offsets in its state instead.)
 *
 * <p>Unlike {@code OffsetsInitializer.committedOffsets(EARLIEST)}, it resolves the offsets itself
 * and leaves the consumer's {@code auto.offset.reset} at {@code none}. With {@code earliest}, a
 * consumer whose position is no longer in the log (retention deleted the records it had not read
 * yet, e.g. records carrying old timestamps, or a job that lagged longer than the retention) jumps
 * silently to the new start of the log, and every record in between is never processed and never
 * archived. With {@code none} the consumer throws {@code OffsetOutOfRangeException} and the job
 * fails: lost input is a visible fault, never a silent gap.
 */
public final class CommittedOrEarliestOffsets implements OffsetsInitializer {

    private static final long serialVersionUID = 1L;

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(
            Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        retriever
                .committedOffsets(partitions)
                .forEach(
                        (partition, offset) -> {
                            if (offset != null && offset >= 0) {
                                offsets.put(partition, offset);
                            }
                        });
        List<TopicPartition> neverCommitted =
                partitions.stream().filter(p -> !offsets.containsKey(p)).toList();
        if (!neverCommitted.isEmpty()) {
            offsets.putAll(retriever.beginningOffsets(neverCommitted));
        }
        return offsets;
    }

    /** No automatic reset: a position outside the log fails the job instead of skipping records. */
    @Override
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.NONE;
    }
}
