package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.annotation.Import;

/** {@code archive info} and {@code archive open} on an archive the job wrote. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest(terminalWidth = 160, terminalHeight = 60)
@Import(AuditShellTestBase.StartedWithArchive.class)
class ArchiveCommandsTest extends AuditShellTestBase {

    @Test
    void infoShowsStretchKindsVersionAndSize() throws Exception {
        String screen = run("dead_letter", "archive", "info");
        assertThat(screen)
                .contains("archive  " + JobArchive.dir().toAbsolutePath().normalize())
                .contains("schema   version " + ArchiveRecord.SCHEMA_VERSION)
                .contains("stretch  2026-12-01T10:00:00Z .. ")
                .containsPattern("files    \\d+ committed Parquet files?, [0-9.]+ KiB")
                .containsPattern("alert_raw +6\n")
                .containsPattern("tick +180")
                .containsPattern("dead_letter +\\d+\n")
                .containsPattern("notification +\\d+\n");
    }

    @Test
    void openOfAMissingDirectoryIsOneLineSayingWhichAndHow() {
        String screen = run("no such archive directory", "archive", "open", "/no/such/dir");
        assertThat(screen)
                .contains(
                        "error: no such archive directory: /no/such/dir (pass the directory the"
                                + " job's --archive wrote")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void openOfADirectoryWithoutPartsSaysSo() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempDirectory("empty-archive");
        assertThat(run("no committed Parquet files", "archive", "open", empty.toString()))
                .contains("error: no committed Parquet files under " + empty);
    }
}
