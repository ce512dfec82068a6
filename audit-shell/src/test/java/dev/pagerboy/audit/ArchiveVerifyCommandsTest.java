package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code archive verify} through the shell, on the screen: the shell starts on an archive the job
 * sealed and anchored ({@link SealedArchive}) and its chain; the tampered copy is opened with
 * {@code archive open}. The tamper cases one by one are {@code ArchiveVerifierTest}'s.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest
@Import(ArchiveVerifyCommandsTest.StartedWithTheSealedArchive.class)
class ArchiveVerifyCommandsTest extends AuditShellTestBase {

    @TempDir Path tmp;

    /**
     * {@code --archive} the sealed archive, {@code --rpc/--contract} the chain its roots are on.
     */
    @TestConfiguration
    static class StartedWithTheSealedArchive {
        @Bean
        AuditSettings auditSettings() throws Exception {
            SealedArchive sealed = SealedArchive.get();
            return sealed.settings(sealed.dir);
        }
    }

    @Test
    void theJobsArchiveVerifiesHourByHourAgainstTheChain() {
        String screen = run("roots match the chain", "archive", "verify", "--all");

        assertThat(screen).containsPattern("\\d+ hours: \\d+ verified, 0 failed, 0 not sealed");
        assertThat(screen).containsPattern("chain: (\\d+) of \\1 roots match the chain");
    }

    @Test
    void aDeletedRowIsNamedOnTheScreen() throws Exception {
        Path copy = SealedArchive.get().copy(Files.createTempDirectory(tmp, "copy"));
        Tamper.rewrite(
                copy, "alert_raw:alerts/1/1", "SELECT * FROM f WHERE id <> 'alert_raw:alerts/1/1'");
        run("archive_root", "archive", "open", copy.toString());

        String screen =
                run("roots match the chain", "archive", "verify", "--hour", "2026-12-01T10");

        assertThat(screen)
                .containsPattern("2026-12-01T10:00:00Z +failed")
                .containsPattern("deleted +alert_raw:alerts/1/1 +under generation 0's root")
                .contains("1 hour: 0 verified, 1 failed, 0 not sealed");
    }

    @Test
    void neitherAnHourNorAllIsOneLine() {
        assertThat(run("give --hour H or --all", "archive", "verify"))
                .contains("archive verify: give --hour H or --all");
    }
}
