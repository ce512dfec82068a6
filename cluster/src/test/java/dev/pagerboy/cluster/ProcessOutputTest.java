package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Running a process to its end within a time limit, with what it printed. */
class ProcessOutputTest {

    private static Process start(String script) throws IOException {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    }

    @Test
    void givesTheExitStatusAndEverythingPrinted() throws IOException {
        ProcessOutput out =
                ProcessOutput.await(
                        start("echo out; echo err >&2; exit 3"), Duration.ofSeconds(30), "sh");

        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.output()).contains("out\n").contains("err\n");
    }

    @Test
    void aProcessThatHangsIsKilledAtTheLimitWithWhatItPrintedSoFar() throws IOException {
        Process hanging = start("echo started; exec sleep 60");

        assertThatThrownBy(() -> ProcessOutput.await(hanging, Duration.ofSeconds(2), "sleeper"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sleeper did not finish in PT2S")
                .hasMessageContaining("started");
        assertThat(hanging.isAlive()).isFalse();
    }

    @Test
    void aProcessThatPrintsMoreThanAPipeHoldsFinishesWhileTheCommonPoolIsBusy() throws Exception {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        CountDownLatch busy = new CountDownLatch(pool.getParallelism());
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < pool.getParallelism(); i++) {
            pool.execute(
                    () -> {
                        busy.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            // 256 kB: four times what a Linux pipe holds before the writer blocks
            ProcessOutput out =
                    ProcessOutput.await(
                            start("head -c 262144 /dev/zero | tr '\\0' x"),
                            Duration.ofSeconds(20),
                            "head");

            assertThat(out.exitCode()).isZero();
            assertThat(out.output()).hasSize(262144);
        } finally {
            release.countDown();
        }
    }
}
