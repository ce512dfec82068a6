package dev.pagerboy.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.audit.replay.ReplayProcess.Outcome;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReplayProcess} against a stand-in launcher (a shell script that prints and exits 2), its
 * screen a pipe as in the shell's tests: replay's output reaches the screen, and a terminal that
 * reads the pipe after replay has ended keeps reading what the shell prints next.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReplayProcessTest {

    @TempDir Path root;

    private final String rootBefore = System.getProperty("pagerboy.root");

    @AfterEach
    void restoreRoot() {
        if (rootBefore == null) {
            System.clearProperty("pagerboy.root");
        } else {
            System.setProperty("pagerboy.root", rootBefore);
        }
    }

    @Test
    void aPipedTerminalStillReadsWhatTheShellPrintsAfterReplayEnded() throws Exception {
        Path launcher = root.resolve("pagerboy");
        Files.writeString(
                launcher,
                "#!/bin/sh\necho \"replay: $1 $2: refused by the stand-in\" >&2\nexit 2\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("pagerboy.root", root.toString());

        PipedInputStream terminal = new PipedInputStream(64 * 1024);
        Writer screen =
                new OutputStreamWriter(new PipedOutputStream(terminal), StandardCharsets.UTF_8);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        CountDownLatch verdict = new CountDownLatch(1);
        Thread shell =
                new Thread(
                        () -> {
                            try {
                                outcome.complete(
                                        new ReplayProcess().run(List.of("--x", "y"), screen));
                                verdict.await();
                                screen.write("error: the verdict\n");
                                screen.flush();
                            } catch (Exception e) {
                                outcome.completeExceptionally(e);
                            }
                        },
                        "shell");
        shell.start();

        assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.REFUSED);
        String printed =
                new String(terminal.readNBytes(terminal.available()), StandardCharsets.UTF_8);
        assertThat(printed).isEqualTo("replay: replay --x: refused by the stand-in\n");

        // The pipe is empty now and replay's streams are closed. A terminal that reads must wait
        // for the shell's next line, not give up on a writer that has ended.
        AtomicReference<Object> read = new AtomicReference<>();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                read.set(
                                        new String(
                                                terminal.readNBytes(
                                                        "error: the verdict\n".length()),
                                                StandardCharsets.UTF_8));
                            } catch (IOException e) {
                                read.set(e);
                            }
                        },
                        "terminal");
        reader.start();
        await("the terminal waiting on the empty pipe, or failed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> reader.getState() == Thread.State.TIMED_WAITING || !reader.isAlive());
        verdict.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(read.get()).isEqualTo("error: the verdict\n");
        shell.join(TimeUnit.SECONDS.toMillis(30));
    }
}
