package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.audit.archive.ArchiveFiles;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.audit.query.QueryPage;
import dev.pagerboy.audit.query.SqlConsole;
import dev.pagerboy.audit.verify.AckSelection;
import dev.pagerboy.audit.verify.AckVerification;
import dev.pagerboy.audit.verify.AckVerifier;
import dev.pagerboy.audit.verify.ArchiveVerification;
import dev.pagerboy.audit.verify.ArchiveVerifier;
import dev.pagerboy.audit.verify.HourVerdict;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import dev.pagerboy.streaming.anchor.ArchiveHourRoot;
import dev.pagerboy.streaming.anchor.SealedHourCompactor;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.HourResult;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Verdict;
import dev.pagerboy.streaming.anchor.SealedHourWriter;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit shell answers the same before and after {@code archive compact} merged the sealed
 * hours: {@code sql} (every row, and a {@code GROUP BY}), {@code archive verify --all} against the
 * roots the job anchored on a real Anvil, and {@code ack verify --all} against the anchored ack
 * batches. The archives are the job's ({@link SealedArchive}) and the anchored acks' ({@link
 * AnchoredAcks}, its hour sealed and anchored here as the job's sealer would).
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CompactedArchiveAnswersTest {

    private static final String EVERY_ROW =
            "SELECT id, kind, event_time, key, outcome, payload_json, raw, date, hour FROM archive"
                    + " ORDER BY id";
    private static final String GROUP_BY =
            "SELECT kind, count(*) AS n FROM archive GROUP BY kind ORDER BY kind";

    @TempDir Path tmp;

    /** What the shell answers about one archive. */
    record Answers(
            List<List<Object>> everyRow,
            List<List<Object>> groupBy,
            List<String> hours,
            long verified,
            long failed,
            long notSealed,
            boolean chainChecked,
            List<String> acks) {}

    private static Answers answers(AuditSettings settings, boolean withAcks) {
        try (ArchiveSession archive = new ArchiveSession(settings);
                ChainSession chain = new ChainSession(settings)) {
            SqlConsole sql = new SqlConsole(archive);
            QueryPage rows = sql.page(EVERY_ROW, 1, 1_000_000);
            QueryPage groups = sql.page(GROUP_BY, 1, 100);
            ArchiveVerification hours = new ArchiveVerifier(archive, chain).verify(null);
            List<String> acks = List.of();
            if (withAcks) {
                AckVerification v =
                        new AckVerifier(archive, chain)
                                .verify(AckSelection.of(null, null, true, null));
                acks =
                        v.checks().stream()
                                .map(
                                        c ->
                                                c.incidentId()
                                                        + " "
                                                        + c.engineer()
                                                        + " "
                                                        + c.ackedAtMillis()
                                                        + " "
                                                        + c.status()
                                                        + " "
                                                        + c.reason())
                                .toList();
            }
            return new Answers(
                    rows.rows(),
                    groups.rows(),
                    hours.hours().stream()
                            .map(
                                    h ->
                                            h.hourStart()
                                                    + " "
                                                    + h.status()
                                                    + " rows="
                                                    + h.rows()
                                                    + " generations="
                                                    + h.generations()
                                                    + " onChain="
                                                    + h.onChain())
                            .toList(),
                    hours.count(HourVerdict.Status.VERIFIED),
                    hours.count(HourVerdict.Status.FAILED),
                    hours.count(HourVerdict.Status.NOT_SEALED),
                    hours.chainChecked(),
                    acks);
        }
    }

    private static int committedFiles(Path archive) {
        return ArchiveFiles.scan(archive).files().size();
    }

    private static List<HourResult> compact(Path archive) throws Exception {
        return new SealedHourCompactor(archive, Duration.ZERO)
                .compactAll(Instant.now().plusSeconds(1));
    }

    @Test
    void theJobsSealedArchiveAnswersTheSameAfterItsHoursAreMerged() throws Exception {
        SealedArchive sealed = SealedArchive.get();
        Path copy = sealed.copy(Files.createTempDirectory(tmp, "job"));
        AuditSettings settings = sealed.settings(copy);
        Answers before = answers(settings, false);
        int filesBefore = committedFiles(copy);

        List<HourResult> results = compact(copy);

        assertThat(results)
                .extracting(HourResult::verdict)
                .contains(Verdict.MERGED)
                .doesNotContain(Verdict.DIFFERS);
        assertThat(committedFiles(copy)).isLessThan(filesBefore);
        Answers after = answers(settings, false);
        assertThat(before.verified()).isPositive();
        assertThat(before.failed()).isZero();
        assertThat(before.chainChecked()).isTrue();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anchoredAcksAnswerTheSameAfterTheirHourIsMerged() throws Exception {
        AnchoredAcks acks = AnchoredAcks.get();
        Path copy = acks.copyTo(Files.createTempDirectory(tmp, "acks"));
        sealAndAnchor(acks, copy);
        AuditSettings settings = AnchoredAcks.settings(copy);
        Answers before = answers(settings, true);
        int filesBefore = committedFiles(copy);

        List<HourResult> results = compact(copy);

        assertThat(results).extracting(HourResult::verdict).containsOnly(Verdict.MERGED);
        assertThat(committedFiles(copy)).isEqualTo(1).isLessThan(filesBefore);
        Answers after = answers(settings, true);
        assertThat(before.verified()).isEqualTo(1);
        assertThat(before.hours()).singleElement().asString().endsWith("onChain=1");
        assertThat(before.acks())
                .hasSize(AnchoredAcks.ANCHORED + 1)
                .filteredOn(a -> a.contains(" VERIFIED "))
                .hasSize(AnchoredAcks.ANCHORED);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theShellReadsTheFilesNamesAsTheJobWritesThem() {
        assertThat(ArchiveFiles.SEALED_PREFIX).isEqualTo(SealedHourFiles.PREFIX);
        assertThat(ArchiveFiles.REPLACES_KEY).isEqualTo(SealedHourFiles.REPLACES_KEY);
    }

    @Test
    void aMergedFileAndTheFilesItReplacesAreReadOnce() throws Exception {
        SealedArchive sealed = SealedArchive.get();
        Path copy = sealed.copy(Files.createTempDirectory(tmp, "halfway"));
        Answers before = answers(sealed.settings(copy), false);
        // stop each hour's merge right after the merged file is renamed in: the files it replaces
        // are all still there
        SealedHourCompactor stopping =
                new SealedHourCompactor(
                        copy,
                        Duration.ZERO,
                        (step, file) -> {
                            if (step == SealedHourCompactor.Step.RENAMED_IN) {
                                throw new java.io.IOException("stopped");
                            }
                        });
        try {
            stopping.compactAll(Instant.now().plusSeconds(1));
        } catch (java.io.IOException stopped) {
            // as a crash between the rename and the deletions
        }

        assertThat(answers(sealed.settings(copy), false)).isEqualTo(before);
    }

    /**
     * Seals the acks' hour as the job's sealer does (an {@code archive_root} row over its covered
     * rows, in a file of its own) and anchors the root on the acks' chain.
     */
    private static void sealAndAnchor(AnchoredAcks acks, Path archive) throws Exception {
        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        long hour = ArchiveHourRoot.hourOf(rows.get(0).eventTime());
        assertThat(rows)
                .allSatisfy(r -> assertThat(ArchiveHourRoot.hourOf(r.eventTime())).isEqualTo(hour));
        HourLeaves leaves = ArchiveHourRoot.leavesOf(hour, rows);
        ArchiveHourRoot root = ArchiveHourRoot.of(hour, 0, leaves);
        SealedHourWriter.writeFile(
                SealedHourWriter.hourDir(archive, hour).resolve("part-root-0-0.parquet"),
                List.of(root.row(leaves)));
        try (Web3jLedgerClient writer =
                Web3jLedgerClient.connect(
                        acks.anvil.rpcUrl(), acks.contract, acks.anvil.account(1).credentials())) {
            writer.anchor(root.toAnchor());
        }
    }
}
