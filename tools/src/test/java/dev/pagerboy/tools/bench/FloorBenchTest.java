package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bench floor} runs its skeleton and the real job, then every rung of its replay floor, end
 * to end on a tiny input, and ends with its {@code key=value} line. No timings are checked. The
 * other live rungs are lighter variants of the skeleton (fewer stages): left out to keep the suite
 * short.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FloorBenchTest {

    @Test
    void runsEveryRungOnceAndEndsWithItsKeyValueLine() {
        Path root = Path.of(System.getProperty("pagerboy.root", ".."));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status =
                    BenchFloorCommand.run(
                            new String[] {
                                "--alerts", "3000",
                                "--rounds", "1",
                                "--rungs", "shuffles,job",
                                "--event-rate", "300",
                                "--config",
                                        root.resolve("streaming-job/config/bench.yaml").toString()
                            },
                            System.out,
                            System.err);
        } finally {
            System.setOut(stdout);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        stdout.print(output);

        assertThat(status).as(output).isZero();
        List<String> lines = output.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last)
                .startsWith("alerts=3000 rounds=1")
                .contains(
                        " shuffles_cpu_us=",
                        " job_per_s=",
                        " job_cpu_us=",
                        " r_read_per_s=",
                        " r_skeleton_cpu_us=",
                        " r_skeleton_batch_per_s=",
                        " r_job_cpu_us=")
                .endsWith(" parallelism=2");
        assertThat(lines).filteredOn(l -> l.startsWith("run rung=")).hasSize(6);
    }
}
