package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.nio.file.Path;
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

    @Test
    void anExplicitCheckpointDirectoryIsKept(@TempDir Path dir) throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(SAMPLE).checkpointDir("file:///elsewhere/ckpt").build());

        JobConfig local = LocalJob.withCheckpointDir(cfg, dir);

        assertThat(local.options().checkpointDir()).isEqualTo("file:///elsewhere/ckpt");
    }
}
