package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowingConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.ShellTestClient.NonInteractiveShellSession;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What the shell tests share: the shell started with {@code --archive} set to an archive the job
 * wrote ({@link JobArchive}), and a way to run one command and wait for its screen.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
abstract class AuditShellTestBase {

    static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(90);

    @Autowired ShellTestClient client;

    /** The shell's start settings: {@code --archive} names the job's archive. */
    @TestConfiguration
    static class StartedWithArchive {
        @Bean
        AuditSettings auditSettings() throws Exception {
            return new AuditSettings(JobArchive.dir(), null, null, null, false);
        }
    }

    /**
     * Runs {@code words} as one command line (a word with spaces is passed quoted, as a user types
     * {@code sql "SELECT ..."}) and returns what it printed once that shows {@code expected}. The
     * test terminal is shared by the commands of one test, so only the lines below what was on the
     * screen before count; each test gets a fresh context (and screen) through {@link
     * DirtiesContext}.
     */
    String run(String expected, String... words) {
        return run(SCREEN_TIMEOUT, expected, words);
    }

    /** {@link #run(String, String...)}, waiting up to {@code timeout} for {@code expected}. */
    String run(Duration timeout, String expected, String... words) {
        return run(timeout, List.of(expected), words);
    }

    /**
     * {@link #run(String, String...)}, waiting up to {@code timeout} for every one of {@code
     * expected}: a child process's standard output and error reach the screen through separate
     * pipes, so the line printed last is not always the last to show.
     */
    String run(Duration timeout, List<String> expected, String... words) {
        return run(timeout, screen -> assertThat(screen).contains(expected), words);
    }

    /**
     * {@link #run(String, String...)}, waiting up to {@code timeout} until what the command printed
     * passes {@code shows}. For output whose lines the test reads whole: the shell copies a child
     * process's output in chunks as it comes, so a line can be on the screen in part, and seeing
     * its first words does not mean the rest is there.
     */
    String run(Duration timeout, ThrowingConsumer<String> shows, String... words) {
        int before = usedLines(client.screen().lines());
        NonInteractiveShellSession session = client.nonInterative(words).run();
        // The command has returned too: what it writes (files, a child process's last lines)
        // comes before that, and the text waited for may be printed before the rest.
        await().atMost(timeout)
                .untilAsserted(
                        () -> {
                            assertThat(session.isComplete()).as("the command returned").isTrue();
                            shows.accept(output(session.screen(), before));
                        });
        return output(session.screen(), before);
    }

    private static String output(ShellScreen screen, int from) {
        List<String> lines = screen.lines();
        return String.join(
                "\n",
                lines.subList(Math.min(from, lines.size()), usedLines(lines)).stream()
                        .map(String::stripTrailing)
                        .toList());
    }

    private static int usedLines(List<String> lines) {
        int used = lines.size();
        while (used > 0 && lines.get(used - 1).isBlank()) {
            used--;
        }
        return used;
    }
}
