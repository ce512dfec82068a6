package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    @Test
    void defaultsNeedOnlyTheConfigFile() throws Exception {
        JobOptions o = JobArguments.parse(new String[] {"--config", "pagerboy.yaml"});

        assertThat(o.configFile()).isEqualTo(Path.of("pagerboy.yaml"));
        assertThat(o.bootstrapServers()).isNull();
        assertThat(o.clock()).isEqualTo(ClockSource.WALL);
        assertThat(o.restartAttempts()).isEqualTo(3);
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.archive().basePath()).startsWith("file:/").matches(".*/pagerboy-archive/?");
        assertThat(o.archive().compactEveryCheckpoints()).isEqualTo(60);
        assertThat(o.stopAtLatest()).isFalse();
    }

    @Test
    void readsEveryOption() throws Exception {
        JobOptions o =
                JobArguments.parse(
                        new String[] {
                            "--config",
                            "c.yaml",
                            "--bootstrap-servers",
                            "127.0.0.1:9092",
                            "--archive",
                            "s3://bucket/archive",
                            "--archive-compact-every",
                            "10",
                            "--parallelism",
                            "4",
                            "--restart-attempts",
                            "0",
                            "--restart-delay",
                            "500ms",
                            "--clock",
                            "topic",
                            "--tick-interval",
                            "2s",
                            "--clock-speed",
                            "60",
                            "--clock-origin",
                            "2026-01-01T00:00:00Z,2026-11-28T13:00:00Z",
                            "--max-out-of-orderness",
                            "PT3S",
                            "--idle-timeout",
                            "1m",
                            "--bounded",
                            "--group-id",
                            "g",
                            "--transactional-id-prefix",
                            "p",
                            "--transaction-timeout",
                            "5m",
                            "--checkpoint-dir",
                            "file:///tmp/cp"
                        });

        assertThat(o.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(o.archive().basePath()).isEqualTo("s3://bucket/archive");
        assertThat(o.archive().compactEveryCheckpoints()).isEqualTo(10);
        assertThat(o.parallelism()).isEqualTo(4);
        assertThat(o.restartAttempts()).isZero();
        assertThat(o.restartDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.clock()).isEqualTo(ClockSource.TOPIC);
        assertThat(o.tickInterval()).isEqualTo(Duration.ofSeconds(2));
        long event = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long wall = Instant.parse("2026-11-28T13:00:00Z").toEpochMilli();
        assertThat(o.tickClock().eventTimeAt(wall + 1000)).isEqualTo(event + 60_000);
        assertThat(o.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.stopAtLatest()).isTrue();
        assertThat(o.groupId()).isEqualTo("g");
        assertThat(o.transactionalIdPrefix()).isEqualTo("p");
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.checkpointDir()).isEqualTo("file:///tmp/cp");
    }

    @Test
    void rejectsBadCommandLinesWithAClearMessage() {
        assertRejected("--config FILE is required");
        assertRejected("unknown option --colour", "--config", "c", "--colour", "red");
        assertRejected("unknown option --colour", "--colour");
        assertRejected("--parallelism needs a value", "--config", "c", "--parallelism");
        assertRejected(
                "--parallelism: not a whole number: 'two'",
                "--config",
                "c",
                "--parallelism",
                "two");
        assertRejected(
                "--tick-interval must be positive", "--config", "c", "--tick-interval", "0s");
        assertRejected(
                "--restart-delay: not a duration: 'soon'",
                "--config",
                "c",
                "--restart-delay",
                "soon");
        assertRejected("--clock must be wall or topic", "--config", "c", "--clock", "sundial");
        assertRejected(
                "--clock-speed must be a positive number", "--config", "c", "--clock-speed", "-1");
        assertRejected(
                "--clock-origin wants", "--config", "c", "--clock-origin", "2026-01-01T00:00:00Z");
        assertRejected("--bounded needs --clock topic", "--config", "c", "--bounded");
        assertRejected("unexpected argument 'extra'", "--config", "c", "extra");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> JobArguments.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
