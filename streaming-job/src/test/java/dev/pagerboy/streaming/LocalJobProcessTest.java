package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagerboy job} as a real process, where {@code System.exit} and logging are real: the
 * failures a user meets first are one line on stderr, with no stack trace, and the right status.
 */
@Timeout(120)
class LocalJobProcessTest {

    private static final Path ROOT = Path.of(System.getProperty("pagerboy.root", ".."));
    private static final Path SAMPLE = ROOT.resolve("streaming-job/config/pagerboy.yaml");

    @TempDir Path dir;

    private record Outcome(int status, String out, String err) {}

    @Test
    void kafkaUnreachableIsOneLineAfterTenSecondsAtMostAndExitOne() throws Exception {
        Outcome o =
                job(
                        "--config",
                        SAMPLE.toString(),
                        "--bootstrap-servers",
                        "127.0.0.1:" + closedPort(),
                        "--checkpoint-dir",
                        dir.resolve("cp").toString(),
                        "--archive",
                        dir.resolve("archive").toString());
        assertThat(o.status()).isEqualTo(1);
        // The job gives up after its own budget, which the line states; the process's wall time
        // adds a JVM start, which a loaded machine can stretch, so it is not asserted here.
        assertThat(LocalJob.KAFKA_CHECK_TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(o.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("pagerboy job: Kafka at 127.0.0.1:")
                .contains("is unreachable");
    }

    @Test
    void aBadFlagIsOneReasonNamingItAndExitTwo() throws Exception {
        Outcome o = job("--config", SAMPLE.toString(), "--restart-delay", "soon");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err())
                .startsWith("pagerboy job: Invalid value for option '--restart-delay'")
                .doesNotContain("\tat ");
        assertThat(o.err().lines()).hasSize(2);
    }

    @Test
    void aMissingConfigFileIsOneLineAndExitTwo() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        Outcome o = job("--config", missing.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("pagerboy job: ")
                .contains(missing.toString());
        assertThat(o.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void helpExitsZeroAndShowsExamples() throws Exception {
        Outcome o = job("--help");
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("--restart-delay=DURATION", "Examples:", "1h30m");
        assertThat(o.err()).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Outcome job(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(
                "-Dlog4j2.configurationFile="
                        + ROOT.resolve("streaming-job/src/main/resources/log4j2.xml"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalJob.class.getName());
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pagerboy job did not exit within 60 s");
        }
        return new Outcome(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
