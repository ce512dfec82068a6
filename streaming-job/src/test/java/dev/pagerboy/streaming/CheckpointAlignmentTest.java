package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job's checkpoint barriers are aligned on every exchange or unaligned on every exchange,
 * never a mix. Flink 2.2 sends aligned barriers over forward and broadcast exchanges even when
 * unaligned checkpoints are on (and over every input of a task that has one such exchange), so with
 * unaligned checkpoints on, the job mixed the two: a task behind one of its few unaligned exchanges
 * took a checkpoint before the tasks upstream of it, an aligned task further down blocked its
 * channel for that checkpoint, and the tasks it waited for were blocked behind it. The ten-year
 * history run stalled that way in most runs (docs/BENCHMARKS.md, "The history run's stall: mixed
 * aligned and unaligned barriers").
 */
class CheckpointAlignmentTest {

    private static final Path HISTORY =
            Path.of(System.getProperty("pagerboy.root", ".."))
                    .resolve("streaming-job/config/history.yaml");

    @Test
    void theLocalJobWithACheckpointDirectoryNeverMixesAlignedAndUnalignedBarriers(@TempDir Path dir)
            throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(HISTORY)
                                .clock(ClockSource.TOPIC)
                                .checkpointDir(dir.resolve("ckpt").toUri().toString())
                                .build());
        Configuration conf = LocalJob.configuration(cfg, Optional.empty());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        LocalJob.DEFAULT_PARALLELISM, conf);
        LiveJob.define(env, cfg);
        StreamGraph graph = env.getStreamGraph();

        List<String> aligned = alignedExchanges(graph);

        assertThat(aligned).as("exchanges that always carry aligned barriers").isNotEmpty();
        assertThat(graph.getCheckpointConfig().isUnalignedCheckpointsEnabled())
                .as(
                        "unaligned checkpoints, although these exchanges carry aligned barriers: %s",
                        aligned)
                .isFalse();
        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
    }

    @Test
    void aClusterJobNeverMixesThemEither(@TempDir Path dir) throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(HISTORY)
                                .checkpointDir(dir.resolve("ckpt").toUri().toString())
                                .build());

        Configuration conf = LiveJob.flinkConfiguration(cfg);

        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED_INTERRUPTIBLE_TIMERS)).isFalse();
    }

    /**
     * Exchanges whose barriers Flink 2.2 keeps aligned, as "upstream -> downstream (PARTITIONER)".
     */
    private static List<String> alignedExchanges(StreamGraph graph) {
        List<String> aligned = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getInEdges()) {
                if (!edge.supportsUnalignedCheckpoints()) {
                    aligned.add(
                            graph.getStreamNode(edge.getSourceId()).getOperatorName()
                                    + " -> "
                                    + node.getOperatorName()
                                    + " ("
                                    + edge.getPartitioner()
                                    + ")");
                }
            }
        }
        return aligned;
    }
}
