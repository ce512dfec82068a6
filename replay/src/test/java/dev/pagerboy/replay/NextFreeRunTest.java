package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replays without --out, one after the other, write to different directories. */
class NextFreeRunTest {

    @Test
    void eachReplayWithoutOutGetsTheNextFreeRunDirectory(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("pagerboy-replay");
        assertThat(ReplayOptions.nextFreeRun(base)).isEqualTo(base.resolve("run-1"));

        Files.createDirectories(base.resolve("run-1"));
        Files.createDirectories(base.resolve("run-2"));
        assertThat(ReplayOptions.nextFreeRun(base)).isEqualTo(base.resolve("run-3"));
    }
}
