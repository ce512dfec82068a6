package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.config.StateBackendChoice;
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
        assertThat(o.stateBackend()).as("state_backend from the config decides").isNull();
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
                            "file:///tmp/cp",
                            "--state-backend",
                            "hashmap"
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
        assertThat(o.stateBackend()).isEqualTo(StateBackendChoice.HASHMAP);
    }

    @Test
    void durationsUseTheGrammarOfTheConfigFile() {
        JobOptions o =
                JobArguments.parse(new String[] {"--config", "c.yaml", "--restart-delay", "1h30m"});
        assertThat(o.restartDelay()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void plainPathsBecomeFileUrisAndUrisStayAsTheyAre() {
        JobOptions plain =
                JobArguments.parse(
                        new String[] {
                            "--config", "c.yaml", "--checkpoint-dir", "/tmp/x", "--archive", "./a"
                        });
        assertThat(java.net.URI.create(plain.checkpointDir())).isEqualTo(Path.of("/tmp/x").toUri());
        assertThat(plain.archive().basePath())
                .isEqualTo(Path.of("a").toAbsolutePath().toUri().toString());
        JobOptions uri =
                JobArguments.parse(
                        new String[] {"--config", "c.yaml", "--checkpoint-dir", "file:///tmp/cp"});
        assertThat(uri.checkpointDir()).isEqualTo("file:///tmp/cp");
    }

    @Test
    void rejectsBadCommandLinesWithAClearMessage() {
        assertRejected("Missing required option: '--config=FILE'");
        assertRejected("Unknown options: '--colour', 'red'", "--config", "c", "--colour", "red");
        assertRejected("Unknown option: '--colour'", "--colour");
        assertRejected(
                "Missing required parameter for option '--parallelism'",
                "--config",
                "c",
                "--parallelism");
        assertRejected(
                "Invalid value for option '--parallelism': needs a whole number, got 'two'",
                "--config",
                "c",
                "--parallelism",
                "two");
        assertRejected(
                "Invalid value for option '--tick-interval': must be positive",
                "--config",
                "c",
                "--tick-interval",
                "0s");
        assertRejected(
                "Invalid value for option '--restart-delay': not a duration: 'soon'",
                "--config",
                "c",
                "--restart-delay",
                "soon");
        assertRejected(
                "option '--clock': must be wall or topic", "--config", "c", "--clock", "sundial");
        assertRejected(
                "option '--clock-speed': must be a positive number",
                "--config",
                "c",
                "--clock-speed",
                "-1");
        assertRejected(
                "option '--clock-origin': wants",
                "--config",
                "c",
                "--clock-origin",
                "2026-01-01T00:00:00Z");
        assertRejected(
                "option '--state-backend': unknown state backend 'rocksdb' (expected changelog or"
                        + " hashmap)",
                "--config",
                "c",
                "--state-backend",
                "rocksdb");
        assertRejected("--bounded needs --clock topic", "--config", "c", "--bounded");
        assertRejected("Unmatched argument", "--config", "c", "extra");
    }

    @Test
    void theLedgerTakesAllThreeFlagsOrNone(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path key = java.nio.file.Files.writeString(dir.resolve("dev.key"), "0x01");
        String contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

        assertThat(JobArguments.parse(new String[] {"--config", "c.yaml"}).ledger()).isNull();
        assertThat(
                        JobArguments.parse(
                                        new String[] {
                                            "--config",
                                            "c.yaml",
                                            "--ledger-rpc",
                                            "http://127.0.0.1:8545",
                                            "--ledger-contract",
                                            contract,
                                            "--ledger-key",
                                            key.toString()
                                        })
                                .ledger())
                .isEqualTo(
                        new dev.pagerboy.streaming.anchor.LedgerEndpoint(
                                "http://127.0.0.1:8545", contract, key.toString()));
        assertRejected(
                "--ledger-rpc, --ledger-contract and --ledger-key go together",
                "--config",
                "c",
                "--ledger-rpc",
                "http://127.0.0.1:8545");
        assertRejected(
                "--ledger-contract: not an address: 'ledger'",
                "--config",
                "c",
                "--ledger-rpc",
                "http://127.0.0.1:8545",
                "--ledger-contract",
                "ledger",
                "--ledger-key",
                key.toString());
        assertRejected(
                "--ledger-key: no such file: " + dir.resolve("nope"),
                "--config",
                "c",
                "--ledger-rpc",
                "http://127.0.0.1:8545",
                "--ledger-contract",
                contract,
                "--ledger-key",
                dir.resolve("nope").toString());
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> JobArguments.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
