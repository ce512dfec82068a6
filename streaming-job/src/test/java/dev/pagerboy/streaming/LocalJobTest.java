package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.StateBackendChoice;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local run stores its checkpoints in files, so its state is not capped at 5 MB per task. */
class LocalJobTest {

    private static final Path SAMPLE =
            Path.of(System.getProperty("pagerboy.root", ".."))
                    .resolve("streaming-job/config/pagerboy.yaml");

    @Test
    void aRunWithoutACheckpointDirectoryGetsTheLocalOne(@TempDir Path dir) throws Exception {
        JobConfig cfg = JobConfig.load(JobOptions.defaults(SAMPLE));

        JobConfig local = LocalJob.withCheckpointDir(cfg, dir.resolve("checkpoints"));

        assertThat(cfg.options().checkpointDir()).isNull();
        assertThat(local.options().checkpointDir())
                .isEqualTo(dir.resolve("checkpoints").toUri().toString());
        assertThat(LiveJob.flinkConfiguration(local).toMap())
                .containsEntry("execution.checkpointing.dir", local.options().checkpointDir());
    }

    /** Where the anchoring sink keeps its end-of-input journal (finding 19). */
    @Test
    void theJobsCheckpointDirectoryIsItsOwnElseTheClustersElseNone(@TempDir Path dir)
            throws Exception {
        JobConfig bare = JobConfig.load(JobOptions.defaults(SAMPLE));
        JobConfig local = LocalJob.withCheckpointDir(bare, dir.resolve("own"));
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///cluster/checkpoints");

        assertThat(
                        LiveJob.checkpointDir(
                                StreamExecutionEnvironment.getExecutionEnvironment(cluster), local))
                .isEqualTo(dir.resolve("own").toUri().toString());
        assertThat(
                        LiveJob.checkpointDir(
                                StreamExecutionEnvironment.getExecutionEnvironment(cluster), bare))
                .isEqualTo("file:///cluster/checkpoints");
        assertThat(
                        LiveJob.checkpointDir(
                                StreamExecutionEnvironment.getExecutionEnvironment(
                                        new Configuration()),
                                bare))
                .isNull();
    }

    @Test
    void theChangelogIsTheDefaultAndLogsUnderTheCheckpointDirectory(@TempDir Path dir)
            throws Exception {
        JobConfig local =
                LocalJob.withCheckpointDir(
                        JobConfig.load(JobOptions.defaults(SAMPLE)), dir.resolve("checkpoints"));

        assertThat(LiveJob.flinkConfiguration(local).toMap())
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("state.changelog.enabled", "true")
                .containsEntry("state.changelog.storage", "filesystem")
                .containsEntry(
                        "state.changelog.dstl.dfs.base-path",
                        dir.resolve("checkpoints").resolve("changelog").toUri().toString())
                .containsEntry("state.changelog.periodic-materialize.interval", "10000 ms")
                // a resume restores a retained checkpoint: NO_CLAIM would need a full snapshot
                .containsEntry("execution.state-recovery.claim-mode", "CLAIM");
    }

    @Test
    void aCheckpointExpiresBeforeItsOutputTransactionsCouldTimeOut(@TempDir Path dir)
            throws Exception {
        JobConfig local =
                LocalJob.withCheckpointDir(
                        JobConfig.load(
                                JobOptions.builder(SAMPLE)
                                        .transactionTimeout(Duration.ofMinutes(3))
                                        .build()),
                        dir);

        // finding 18: two checkpoints and the interval (1 s) within 80 % of 3 min, and an
        // expired checkpoint fails the job over instead of being skipped
        assertThat(LiveJob.flinkConfiguration(local).toMap())
                .containsEntry("execution.checkpointing.timeout", "71500 ms")
                .containsEntry("execution.checkpointing.tolerable-failed-checkpoints", "0");
    }

    @Test
    void theHeapAloneWhenAskedFor(@TempDir Path dir) throws Exception {
        JobConfig local =
                LocalJob.withCheckpointDir(
                        JobConfig.load(
                                JobOptions.builder(SAMPLE)
                                        .stateBackend(StateBackendChoice.HASHMAP)
                                        .build()),
                        dir);

        assertThat(LiveJob.flinkConfiguration(local).toMap())
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("state.changelog.enabled", "false")
                .doesNotContainKey("state.changelog.storage");
    }

    @Test
    void anExplicitCheckpointDirectoryIsKept(@TempDir Path dir) throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(SAMPLE).checkpointDir("file:///elsewhere/ckpt").build());

        JobConfig local = LocalJob.withCheckpointDir(cfg, dir);

        assertThat(local.options().checkpointDir()).isEqualTo("file:///elsewhere/ckpt");
    }
}
