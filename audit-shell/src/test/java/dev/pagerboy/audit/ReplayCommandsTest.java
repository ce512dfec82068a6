package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code replay verify}, {@code replay incident} and {@code whatif} through the shell, on the
 * archive the job wrote ({@link JobArchive}) and the config it ran with: each runs the real {@code
 * ./pagerboy replay} of this checkout in a child JVM, as the shell does for a user.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@AuditShellTest(terminalWidth = 200, terminalHeight = 300)
@Import(ReplayCommandsTest.StartedWithArchiveAndConfig.class)
class ReplayCommandsTest extends AuditShellTestBase {

    private static final Path ROOT =
            Path.of(System.getProperty("pagerboy.root", "..")).toAbsolutePath().normalize();

    /** A replay is a JVM start, a MiniCluster and the archive's inputs: slower than a query. */
    private static final Duration REPLAY = Duration.ofMinutes(4);

    @TempDir Path work;

    /** {@code --archive} the job's archive, {@code --config} the config it ran with. */
    @TestConfiguration
    static class StartedWithArchiveAndConfig {
        @Bean
        AuditSettings auditSettings() throws Exception {
            return new AuditSettings(
                    JobArchive.dir(), config("/audit-test.yaml"), null, null, false);
        }
    }

    static Path config(String resource) throws Exception {
        return Path.of(ReplayCommandsTest.class.getResource(resource).toURI());
    }

    /**
     * The shell finds ./pagerboy as the launcher tells it. The reactor has just packaged replay
     * (this module's test dependency), but the launcher counts every module's sources, this
     * module's tests too, and would start a Maven build from inside the test if one is newer than
     * replay's launch classpath.
     */
    @BeforeAll
    static void launcherOfThisCheckout() throws IOException {
        System.setProperty("pagerboy.root", ROOT.toString());
        Path classpath = ROOT.resolve("replay/target/classpath.txt");
        assertThat(classpath).as("replay packaged by the reactor (mvn verify)").exists();
        Files.setLastModifiedTime(classpath, FileTime.fromMillis(System.currentTimeMillis()));
    }

    @Test
    void replayVerifyReproducesTheArchivedDecisions() throws Exception {
        run(
                REPLAY,
                screen ->
                        assertThat(screen)
                                .contains("What-if replay of " + JobArchive.dir().toAbsolutePath())
                                .containsPattern(
                                        "verify: identical: \\d+ archived decision and output"
                                                + " rows"),
                "replay",
                "verify",
                "--out",
                work.resolve("r").toString());
        assertThat(work.resolve("r")).isDirectory();
    }

    @Test
    void whatifOfAConfigWithoutTheCriticalRouteMovesItsPagesToOncall() throws Exception {
        Path html = work.resolve("whatif.html");
        // replay prints the report, then writes the page and says so: wait for that line too, or
        // the page may not be there yet. Standard output and error reach the screen through
        // separate pipes, so the report's lines are waited for as well.
        run(
                REPLAY,
                screen ->
                        assertThat(screen)
                                .contains("wrote " + html)
                                .contains("noisiest groups")
                                .containsPattern("replayed  config \\S*audit-whatif.yaml")
                                .containsPattern(
                                        "pages: \\d+ archived, \\d+ replayed: [1-9]\\d* added,"
                                                + " [1-9]\\d* removed"),
                "whatif",
                "--config",
                config("/audit-whatif.yaml").toString(),
                "--html",
                html.toString(),
                "--out",
                work.resolve("w").toString());
        assertThat(html).content().contains("<svg");
    }

    @Test
    void replayIncidentTellsTheStoryOfAJobWrittenIncident() throws Exception {
        String list = run("incident", "incident", "list");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("([0-9a-f]{16}-\\d+) ").matcher(list);
        assertThat(m.find()).as("an incident in " + list).isTrue();
        String id = m.group(1);
        run(
                REPLAY,
                screen ->
                        assertThat(screen)
                                .contains("Incident " + id)
                                .containsPattern(
                                        "replay: identical: \\d+ archived rows of the"
                                                + " incident"),
                "replay",
                "incident",
                id,
                "--out",
                work.resolve("i").toString());
    }

    @Test
    void whatifWithAMissingConfigIsRefused() {
        String screen =
                run(
                        REPLAY,
                        "error:",
                        "whatif",
                        "--config",
                        work.resolve("nope.yaml").toString(),
                        "--out",
                        work.resolve("n").toString());
        assertThat(screen)
                .contains("nope.yaml")
                .contains("error: replay refused the request (its message is above)");
    }
}
