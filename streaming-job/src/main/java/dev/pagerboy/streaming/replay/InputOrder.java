package dev.pagerboy.streaming.replay;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The order replay feeds one kind of input in: each source partition's records in offset order, the
 * partitions merged by event time.
 *
 * <p>Why this order reproduces the live job. The live job reads each Kafka partition in offset
 * order with a bounded-out-of-orderness watermark; its decisions depend on the order of records of
 * one partition (dedup state per fingerprint, and a fingerprint always lives in one partition) and
 * on which records are behind the watermark, never on how partitions interleave (the pipeline is
 * deterministic under any read-ahead; {@code LongHistoryDeterminismTest}). Merging by the
 * partitions' head event times keeps offset order inside each partition, and never puts a record
 * further behind the maximum event time seen than its own partition did: if a record is within
 * {@code maxOutOfOrderness} of its partition's maximum, it is within it in the merged stream too.
 * The archive's files are bucketed by event hour and written by several subtasks, so their order
 * alone is not the partition's order; offsets are.
 */
final class InputOrder {

    private InputOrder() {}

    /** {@code rows} in replay order. */
    static List<ArchiveRecord> ordered(List<ArchiveRecord> rows) {
        Map<String, List<ArchiveRecord>> partitions = new TreeMap<>();
        for (ArchiveRecord r : rows) {
            partitions
                    .computeIfAbsent(
                            r.sourceTopic() + "/" + r.sourcePartition(), p -> new ArrayList<>())
                    .add(r);
        }
        // The job's own clock has no offsets (-1): its ticks are in event-time order.
        Comparator<ArchiveRecord> inPartition =
                Comparator.comparingLong(ArchiveRecord::sourceOffset)
                        .thenComparingLong(ArchiveRecord::eventTime)
                        .thenComparing(ArchiveRecord::id);
        List<Cursor> cursors = new ArrayList<>();
        int index = 0;
        for (List<ArchiveRecord> partition : partitions.values()) {
            partition.sort(inPartition);
            cursors.add(new Cursor(partition, index++));
        }
        PriorityQueue<Cursor> heads =
                new PriorityQueue<>(
                        Comparator.comparingLong(Cursor::headTime)
                                .thenComparingInt(c -> c.partitionIndex));
        for (Cursor c : cursors) {
            if (c.hasNext()) {
                heads.add(c);
            }
        }
        List<ArchiveRecord> out = new ArrayList<>(rows.size());
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            out.add(c.next());
            if (c.hasNext()) {
                heads.add(c);
            }
        }
        return out;
    }

    private static final class Cursor {
        private final List<ArchiveRecord> rows;
        private final int partitionIndex;
        private int next;

        Cursor(List<ArchiveRecord> rows, int partitionIndex) {
            this.rows = rows;
            this.partitionIndex = partitionIndex;
        }

        boolean hasNext() {
            return next < rows.size();
        }

        long headTime() {
            return rows.get(next).eventTime();
        }

        ArchiveRecord next() {
            return rows.get(next++);
        }
    }
}
