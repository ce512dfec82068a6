package dev.pagerboy.streaming;

import java.util.Comparator;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;

/**
 * Where a finished job's longest remembered checkpoint spent its time, per task: how long after the
 * trigger the barrier reached the task's slowest subtask (start delay), how long it aligned there,
 * and when the last subtask acknowledged. For reading a storm test's output, not asserted.
 */
final class CheckpointBreakdown {

    private CheckpointBreakdown() {}

    static String ofLongest(AccessExecutionGraph graph) {
        Optional<CompletedCheckpointStats> longest =
                graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints().stream()
                        .filter(CompletedCheckpointStats.class::isInstance)
                        .map(CompletedCheckpointStats.class::cast)
                        .max(
                                Comparator.comparingLong(
                                        AbstractCheckpointStats::getEndToEndDuration));
        if (longest.isEmpty()) {
            return "no completed checkpoint in the history";
        }
        CompletedCheckpointStats c = longest.get();
        StringBuilder out =
                new StringBuilder(
                        String.format(
                                "checkpoint %d took %d ms; per task (ms after trigger):%n",
                                c.getCheckpointId(), c.getEndToEndDuration()));
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            TaskStateStats task = c.getTaskStateStats(vertex.getJobVertexId());
            if (task == null) {
                continue;
            }
            long startDelay = 0;
            long alignment = 0;
            long sync = 0;
            long async = 0;
            for (SubtaskStateStats sub : task.getSubtaskStats()) {
                if (sub == null) {
                    continue;
                }
                startDelay = Math.max(startDelay, sub.getCheckpointStartDelay());
                alignment = Math.max(alignment, sub.getAlignmentDuration());
                sync = Math.max(sync, sub.getSyncCheckpointDuration());
                async = Math.max(async, sub.getAsyncCheckpointDuration());
            }
            out.append(
                    String.format(
                            "  %-60s last ack %6d  start delay %6d  alignment %6d  sync %5d  async %5d%n",
                            vertex.getName(),
                            task.getLatestAckTimestamp() - c.getTriggerTimestamp(),
                            startDelay,
                            alignment,
                            sync,
                            async));
        }
        return out.toString();
    }
}
