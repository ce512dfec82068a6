package dev.pagerboy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.SealedArchive;
import dev.pagerboy.audit.Tamper;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.audit.verify.HourFinding.What;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archive verify} on an archive the job wrote, sealed and anchored on a real Anvil ({@link
 * SealedArchive}), and on tampered copies of it: issue #18's tamper cases 1–4 and a removed file,
 * each detected and named; the untouched archive, and the same rows in other files, verify clean.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArchiveVerifierTest {

    static final long H10 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    static final long H11 = H10 + 3_600_000L;
    static final String ROW_10 = "alert_raw:alerts/0/0"; // DiskFull a, 10:00
    static final String OTHER_ROW_10 = "alert_raw:alerts/1/1"; // DiskFull b, 10:01
    static final String ROW_11 = "alert_raw:alerts/1/3"; // HostDown d, 11:05
    static final String ROOT_10 = "archive_root:2026-12-01T10:00:00Z/0";

    @TempDir Path tmp;
    private final List<AutoCloseable> sessions = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable s : sessions) {
            s.close();
        }
    }

    @Test
    void theArchiveTheJobWroteVerifiesAgainstTheChain() throws Exception {
        ArchiveVerification v = verify(SealedArchive.get().settings(copy()), null);

        assertThat(v.chainChecked()).isTrue();
        assertThat(v.hours())
                .extracting(HourVerdict::hourStart)
                .contains(H10, H11, H11 + 3_600_000L);
        assertThat(v.hours())
                .allSatisfy(
                        h -> {
                            assertThat(h.status()).isEqualTo(HourVerdict.Status.VERIFIED);
                            assertThat(h.generations()).isPositive();
                            assertThat(h.onChain()).isEqualTo(h.generations());
                        });
        assertThat(verify(SealedArchive.get().settings(copy()), H10).hours())
                .singleElement()
                .satisfies(h -> assertThat(h.rows()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void theSameRowsInOtherFilesStillVerify() throws Exception {
        Path archive = copy();
        splitOut(archive, ROOT_10);
        splitOut(archive, OTHER_ROW_10);

        assertThat(verify(SealedArchive.get().settings(archive), null).clean()).isTrue();
    }

    @Test
    void anEditedFieldNamesTheRowAndItsFile() throws Exception {
        Path archive = copy();
        Path file =
                Tamper.rewrite(
                        archive,
                        ROW_10,
                        "SELECT * REPLACE (CASE WHEN id = '"
                                + ROW_10
                                + "' THEN 'tampered' ELSE outcome END AS outcome) FROM f");

        assertThat(findings(verify(SealedArchive.get().settings(archive), null), H10))
                .containsExactly(
                        new Named(What.EDITED, ROW_10, archive.relativize(file).toString()));
    }

    @Test
    void aDeletedRowIsNamed() throws Exception {
        Path archive = copy();
        Tamper.rewrite(archive, OTHER_ROW_10, "SELECT * FROM f WHERE id <> '" + OTHER_ROW_10 + "'");

        assertThat(findings(verify(SealedArchive.get().settings(archive), null), H10))
                .containsExactly(new Named(What.DELETED, OTHER_ROW_10, ""));
    }

    @Test
    void anInsertedRowIsNamedWithItsFile() throws Exception {
        Path archive = copy();
        String forged = "alert_raw:alerts/0/99";
        Path file =
                Tamper.rewrite(
                        archive,
                        ROW_10,
                        "SELECT * FROM f UNION ALL SELECT * REPLACE ('"
                                + forged
                                + "' AS id) FROM f WHERE id = '"
                                + ROW_10
                                + "'");

        assertThat(findings(verify(SealedArchive.get().settings(archive), null), H10))
                .containsExactly(
                        new Named(What.INSERTED, forged, archive.relativize(file).toString()));
    }

    @Test
    void aFileReplacedWithAnotherHoursIsNamed() throws Exception {
        Path archive = copy();
        splitOut(archive, ROOT_10);
        Path victim = Tamper.fileOf(archive, ROW_10);
        Path other = Tamper.fileOf(archive, ROW_11);
        List<String> lost = idsIn(victim);
        Files.copy(other, victim, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ArchiveVerification v = verify(SealedArchive.get().settings(archive), null);

        String place = archive.relativize(victim).toString();
        List<Named> at10 = findings(v, H10);
        assertThat(at10).contains(new Named(What.MISPLACED, ROW_11, place));
        for (String id : lost) {
            assertThat(at10).contains(new Named(What.DELETED, id, ""));
        }
        assertThat(findings(v, H11)).contains(new Named(What.DUPLICATED, ROW_11, place));
        assertThat(v.clean()).isFalse();
    }

    @Test
    void aRemovedFileNamesEveryRowItHeld() throws Exception {
        Path archive = copy();
        splitOut(archive, ROOT_10);
        Path victim = Tamper.fileOf(archive, ROW_10);
        List<String> lost = idsIn(victim);
        Files.delete(victim);

        List<Named> expected = new ArrayList<>();
        lost.stream().sorted().forEach(id -> expected.add(new Named(What.DELETED, id, "")));
        assertThat(findings(verify(SealedArchive.get().settings(archive), null), H10))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRemovedRootRowIsFoundOnTheChain() throws Exception {
        Path archive = copy();
        splitOut(archive, ROOT_10);
        Files.delete(Tamper.fileOf(archive, ROOT_10));

        ArchiveVerification v = verify(SealedArchive.get().settings(archive), H10);

        HourVerdict h10 = v.hours().get(0);
        assertThat(h10.status()).isEqualTo(HourVerdict.Status.FAILED);
        assertThat(h10.findings())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.what()).isEqualTo(What.ROOT_MISSING);
                            assertThat(f.detail())
                                    .contains("the chain holds root")
                                    .contains("generation 0")
                                    .contains("the hour's rows still give that root");
                        });
    }

    @Test
    void withoutAChainTheRootRowsStillNameAnEdit() throws Exception {
        Path archive = copy();
        Tamper.rewrite(
                archive,
                ROW_10,
                "SELECT * REPLACE (CASE WHEN id = '"
                        + ROW_10
                        + "' THEN 'tampered' ELSE outcome END AS outcome) FROM f");

        ArchiveVerification v = verify(new AuditSettings(archive, null, null, null, false), null);

        assertThat(v.chainChecked()).isFalse();
        assertThat(v.chain()).startsWith("not checked: no chain to check against");
        assertThat(findings(v, H10)).extracting(Named::what).containsExactly(What.EDITED);
    }

    /** A finding without its sentence: what, which row, which file. */
    record Named(What what, String rowId, String file) {}

    private static List<Named> findings(ArchiveVerification v, long hour) {
        return v.hours().stream()
                .filter(h -> h.hourStart() == hour)
                .flatMap(h -> h.findings().stream())
                .map(f -> new Named(f.what(), f.rowId(), f.file()))
                .toList();
    }

    private ArchiveVerification verify(AuditSettings settings, Long hour) {
        ArchiveSession archive = new ArchiveSession(settings);
        ChainSession chain = new ChainSession(settings);
        sessions.add(archive);
        sessions.add(chain);
        return new ArchiveVerifier(archive, chain).verify(hour);
    }

    private Path copy() throws Exception {
        return SealedArchive.get().copy(Files.createTempDirectory(tmp, "copy"));
    }

    /** Moves row {@code id} out of its file into a file of its own, in the same directory. */
    private static void splitOut(Path archive, String id) throws Exception {
        Path file = Tamper.fileOf(archive, id);
        if (idsIn(file).size() == 1) {
            return;
        }
        Path own = file.resolveSibling("part-split-" + Math.abs(id.hashCode()) + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(
                    "COPY (SELECT * FROM read_parquet('"
                            + file
                            + "') WHERE id = '"
                            + id
                            + "') TO '"
                            + own
                            + "' (FORMAT parquet)");
        }
        Tamper.rewrite(archive, id, "SELECT * FROM f WHERE id <> '" + id + "'");
    }

    private static List<String> idsIn(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                var r = s.executeQuery("SELECT id FROM read_parquet('" + file + "')")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
