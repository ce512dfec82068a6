package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./pagerboy audit}, as a user starts it: under a pseudo-terminal (tmux) typing
 * {@code help}, a Tab completion and an {@code sql} query; and non-interactively with {@code -c}
 * and {@code --script}, whose exit status says whether every command succeeded.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AuditLauncherTest {

    private static final Path ROOT = Path.of(System.getProperty("pagerboy.root", ".."));
    private static final Duration SCREEN = Duration.ofSeconds(90);

    @TempDir Path work;

    private static final java.util.concurrent.atomic.AtomicInteger SOCKETS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A tmux server per test: a new session on the socket of the one the test before killed can
     * land in that server as it exits, and die with it.
     */
    private final String socket =
            "audit-test-" + ProcessHandle.current().pid() + "-" + SOCKETS.incrementAndGet();

    /**
     * The reactor build running this test has just packaged the module, but the launcher also
     * counts this module's test sources as sources and would start a second Maven build from inside
     * the test if they are newer than the launch classpath.
     */
    @BeforeAll
    static void launchClasspathIsFresh() throws IOException {
        Path classpath = ROOT.resolve("audit-shell/target/classpath.txt");
        Files.setLastModifiedTime(
                classpath, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }

    /** Also replay's: the shell's replay commands run ./pagerboy replay (ReplayCommandsTest). */
    @BeforeAll
    static void replayLaunchClasspathIsFresh() throws IOException {
        Path classpath = ROOT.resolve("replay/target/classpath.txt");
        if (Files.exists(classpath)) {
            Files.setLastModifiedTime(
                    classpath,
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        }
    }

    @AfterEach
    void stopTmux() throws Exception {
        exec(List.of("tmux", "-L", socket, "kill-server"));
    }

    @Test
    void interactiveShellUnderAPseudoTerminal() throws Exception {
        Path archive = JobArchive.dir();
        exec(
                List.of(
                        "tmux",
                        "-L",
                        socket,
                        "new-session",
                        "-d",
                        "-x",
                        "160",
                        "-y",
                        "50",
                        "-s",
                        "audit",
                        "cd "
                                + ROOT.toAbsolutePath()
                                + " && ./pagerboy audit --archive "
                                + archive
                                + "; sleep 600"));
        awaitScreen("audit>");

        type("help", "Enter");
        awaitScreen("report volume");
        assertThat(screen())
                .contains("AVAILABLE COMMANDS")
                .contains("archive info")
                .contains("sql");

        type("clear", "Enter");
        type("archive in", "Tab");
        awaitScreen("audit> archive info");
        type("", "Enter");
        awaitScreen("alert_raw");

        type("sql \"SELECT count(*) AS alerts FROM alerts\"", "Enter");
        awaitScreen("(1 row)");
        assertThat(screen()).containsPattern("alerts\n-+\n +6\n");

        type("quit", "Enter");
        awaitScreen("audit> quit");
    }

    /**
     * The demo's case: only {@code --archive}, the chain kept next to it ({@link KeptDemoChain}),
     * {@code ack verify --all} at the terminal; then a replay stopped with Ctrl-C leaves the shell
     * at its prompt.
     */
    @Test
    void ackVerifyAndCtrlCOfAReplayUnderAPseudoTerminal() throws Exception {
        Path archive = KeptDemoChain.archive();
        Path config = Path.of(AuditLauncherTest.class.getResource("/audit-test.yaml").toURI());
        exec(
                List.of(
                        "tmux",
                        "-L",
                        socket,
                        "new-session",
                        "-d",
                        "-x",
                        "200",
                        "-y",
                        "50",
                        "-s",
                        "audit",
                        "cd "
                                + ROOT.toAbsolutePath()
                                + " && ./pagerboy audit --archive "
                                + archive
                                + " --config "
                                + config
                                + "; sleep 600"));
        awaitScreen("audit>");

        type("ack verify --all", "Enter");
        awaitScreen("calls/s");
        assertThat(screen())
                .contains("chain: a local Anvil from " + archive.getParent())
                .contains("7 acks: 6 verified, 0 failed, 1 not anchored");

        type("clear", "Enter");
        type("archive open " + JobArchive.dir(), "Enter");
        awaitScreen("alert_raw");
        type("clear", "Enter");
        type("replay verify --out " + work.resolve("stopped"), "Enter");
        awaitScreen("reading archive");
        type("", "C-c");
        awaitScreen("replay stopped (Ctrl-C)");

        type("clear", "Enter");
        type("sql \"SELECT count(*) AS alerts FROM alerts\"", "Enter");
        awaitScreen("(1 row)");
        type("clear", "Enter");
        type("archive open " + archive, "Enter");
        awaitScreen("ack_receipt");
        type("ack verify --all", "Enter");
        awaitScreen("calls/s");
        assertThat(screen()).contains("7 acks: 6 verified, 0 failed, 1 not anchored");
    }

    @Test
    void oneCommandExitsZeroOnSuccessAndOneOnFailure() throws Exception {
        Path archive = JobArchive.dir();
        Result ok = launch("--archive", archive.toString(), "-c", "archive info");
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("alert_raw");

        Result bad = launch("--archive", archive.toString(), "-c", "sql \"SELEC 1\"");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.output()).contains("Parser Error").doesNotContain("\tat ");

        Result noArchive = launch("-c", "archive info");
        assertThat(noArchive.status()).isEqualTo(1);
        assertThat(noArchive.output())
                .contains(
                        "error: no archive is open: pass --archive DIR to ./pagerboy audit, or"
                                + " type 'archive open DIR'");
    }

    @Test
    void debugShowsTheStackTraceOfAUserError() throws Exception {
        Result debug = launch("--debug", "-c", "archive info");
        assertThat(debug.status()).isEqualTo(1);
        assertThat(debug.output()).contains("error: no archive is open").contains("\tat ");
    }

    @Test
    void missingArchiveDirectoryIsAUsageError() throws Exception {
        Result missing = launch("--archive", work.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output())
                .contains("--archive: no such directory: " + work.resolve("nope"))
                .doesNotContain("\tat ");
    }

    @Test
    void scriptRunsEveryCommandAndFailsIfOneFails() throws Exception {
        Path archive = JobArchive.dir();
        Path good = work.resolve("good.audit");
        Files.writeString(
                good,
                "archive info\nsql \"SELECT count(*) AS n FROM dead_letters\"\n"
                        + "report volume --by hour\n");
        Result ok = launch("--archive", archive.toString(), "--script", good.toString());
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("alert_raw").contains("(1 row)").contains("3 alerts");

        Path failing = work.resolve("failing.audit");
        Files.writeString(failing, "archive info\nsql \"SELECT * FROM nowhere\"\n");
        Result bad = launch("--archive", archive.toString(), "--script", failing.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.output()).contains("alert_raw").contains("nowhere");
    }

    private record Result(int status, String output) {}

    private Result launch(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("pagerboy").toAbsolutePath().toString());
        command.add("audit");
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private void type(String text, String key) throws Exception {
        if (!text.isEmpty()) {
            exec(List.of("tmux", "-L", socket, "send-keys", "-t", "audit", "-l", text));
        }
        exec(List.of("tmux", "-L", socket, "send-keys", "-t", "audit", key));
    }

    private void awaitScreen(String text) {
        await().atMost(SCREEN)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(screen()).contains(text));
    }

    private String screen() throws IOException, InterruptedException {
        return exec(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "audit"));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
