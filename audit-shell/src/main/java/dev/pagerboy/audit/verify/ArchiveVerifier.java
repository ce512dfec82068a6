package dev.pagerboy.audit.verify;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.archive.ArchiveDatabase;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.audit.verify.HourFinding.What;
import dev.pagerboy.audit.verify.HourRoots.Claim;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.LedgerClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * {@code archive verify}: recomputes every event hour's rows against the roots the job sealed and
 * anchored (docs/ARCHIVE.md, "Verifying an hour"), and names what differs.
 *
 * <p>Each {@code archive_root} row carries the (row id, digest) leaves of its generation; they are
 * trusted only as far as they give the root the chain holds for that hour and generation. Then, row
 * by row: a listed row whose columns give another digest was <b>edited</b>, a listed row that is
 * missing was <b>deleted</b>, a row no generation lists was <b>inserted</b>, a second copy of a row
 * is <b>duplicated</b>, and a row in another hour's directory is <b>misplaced</b> (a file moved or
 * replaced by another hour's). Without a chain the same checks run against the {@code archive_root}
 * rows alone, which catches every edit that leaves the root rows untouched.
 */
@Service
public class ArchiveVerifier {

    private final ArchiveSession archive;
    private final ChainSession chain;

    public ArchiveVerifier(ArchiveSession archive, ChainSession chain) {
        this.archive = archive;
        this.chain = chain;
    }

    /** Checks hour {@code hour} (its start, epoch ms), or every hour when it is null. */
    public ArchiveVerification verify(Long hour) {
        ArchiveDatabase db = archive.database();
        List<ArchivedRow> rows = HourRoots.read(db, hour);
        LedgerClient ledger = null;
        String chainNote;
        try {
            ledger = chain.ledger();
            chainNote = chain.keptChain().orElse(chain.describe());
        } catch (AuditException e) {
            chainNote = "not checked: " + e.getMessage();
        }

        Map<Long, List<ArchivedRow>> covered = new TreeMap<>();
        Map<Long, List<Claim>> claims = new TreeMap<>();
        Map<Long, List<HourFinding>> misplaced = new TreeMap<>();
        TreeSet<Long> hours = new TreeSet<>();
        for (ArchivedRow row : rows) {
            if (row.fileHour() >= 0 && row.fileHour() != row.hour()) {
                misplaced
                        .computeIfAbsent(row.fileHour(), h -> new ArrayList<>())
                        .add(
                                new HourFinding(
                                        What.MISPLACED,
                                        row.id(),
                                        relative(db, row.file()),
                                        "a row of "
                                                + Instant.ofEpochMilli(row.hour())
                                                + " in the directory of "
                                                + Instant.ofEpochMilli(row.fileHour())));
                hours.add(row.fileHour());
            }
            if (row.kind().equals(ArchivedRow.ARCHIVE_ROOT)) {
                Claim claim = HourRoots.claim(row);
                claims.computeIfAbsent(claim.hourStart(), h -> new ArrayList<>()).add(claim);
                hours.add(claim.hourStart());
            } else if (row.covered()) {
                covered.computeIfAbsent(row.hour(), h -> new ArrayList<>()).add(row);
                hours.add(row.hour());
            }
        }
        if (hour != null) {
            hours.retainAll(List.of(hour));
            if (hours.isEmpty()) {
                throw new AuditException(
                        "no rows of the hour "
                                + Instant.ofEpochMilli(hour)
                                + " in "
                                + db.dir()
                                + " (directory "
                                + HourRoots.partitionOf(hour)
                                + ")");
            }
        }
        long lastSealed = HourRoots.lastSealedHour(db);
        List<HourVerdict> verdicts = new ArrayList<>();
        for (long h : hours) {
            verdicts.add(
                    verifyHour(
                            db,
                            ledger,
                            h,
                            covered.getOrDefault(h, List.of()),
                            claims.getOrDefault(h, List.of()),
                            misplaced.getOrDefault(h, List.of()),
                            lastSealed));
        }
        return new ArchiveVerification(verdicts, chainNote, ledger != null);
    }

    private HourVerdict verifyHour(
            ArchiveDatabase db,
            LedgerClient ledger,
            long hour,
            List<ArchivedRow> rows,
            List<Claim> claims,
            List<HourFinding> misplaced,
            long lastSealed) {
        List<HourFinding> findings = new ArrayList<>();
        int onChain = 0;
        // what the roots list: row id -> (digest, generation)
        Map<String, Bytes32> listed = new HashMap<>();
        Map<String, Integer> generationOf = new HashMap<>();
        Map<Integer, Claim> byGeneration = new TreeMap<>();
        List<Claim> ordered = new ArrayList<>(claims);
        ordered.sort(Comparator.comparingInt(Claim::generation));
        for (Claim claim : ordered) {
            String place = relative(db, claim.row().file());
            if (claim.problem() != null || claim.generation() < 0) {
                findings.add(
                        new HourFinding(
                                What.ROOT_ROW,
                                claim.row().id(),
                                place,
                                claim.problem() != null ? claim.problem() : "has no generation"));
                continue;
            }
            if (byGeneration.putIfAbsent(claim.generation(), claim) != null) {
                findings.add(
                        new HourFinding(
                                What.DUPLICATED,
                                claim.row().id(),
                                place,
                                "a second archive_root row for generation " + claim.generation()));
                continue;
            }
            Bytes32 ofLeaves = claim.leaves().root();
            if (!ofLeaves.equals(claim.root()) || claim.leaves().size() != claim.rowCount()) {
                findings.add(
                        new HourFinding(
                                What.ROOT_ROW,
                                claim.row().id(),
                                place,
                                "its "
                                        + claim.leaves().size()
                                        + " leaves give root "
                                        + ofLeaves.toHex()
                                        + ", it states "
                                        + claim.root()
                                        + " over "
                                        + claim.rowCount()
                                        + " rows"));
            }
            Optional<AnchoredBatch> anchored = anchoredRoot(ledger, hour, claim.generation());
            if (anchored.isPresent()) {
                if (anchored.get().root().equals(ofLeaves)) {
                    onChain++;
                } else {
                    findings.add(
                            new HourFinding(
                                    What.ROOT_ROW,
                                    claim.row().id(),
                                    place,
                                    "the chain holds root "
                                            + anchored.get().root().toHex()
                                            + " for generation "
                                            + claim.generation()
                                            + ", this row's leaves give "
                                            + ofLeaves.toHex()
                                            + " (the row was edited; the rows named below are"
                                            + " against its leaves)"));
                }
            }
            for (HourLeaves.Leaf leaf : claim.leaves().leaves()) {
                if (listed.putIfAbsent(leaf.rowId(), leaf.digest()) != null) {
                    findings.add(
                            new HourFinding(
                                    What.ROOT_ROW,
                                    claim.row().id(),
                                    place,
                                    "lists row " + leaf.rowId() + " under a second generation"));
                } else {
                    generationOf.put(leaf.rowId(), claim.generation());
                }
            }
        }
        int generations = byGeneration.size();
        int next = 0;
        for (int g : byGeneration.keySet()) {
            for (; next < g; next++) {
                findings.add(missingRootRow(ledger, hour, next));
            }
            next = g + 1;
        }
        // generations the chain holds beyond the last archive_root row
        for (int g = next; ledger != null; g++) {
            Optional<AnchoredBatch> extra = anchoredRoot(ledger, hour, g);
            if (extra.isEmpty()) {
                break;
            }
            findings.add(
                    new HourFinding(
                            What.ROOT_MISSING,
                            "",
                            "",
                            "the chain holds root "
                                    + extra.get().root().toHex()
                                    + " over "
                                    + extra.get().leafCount()
                                    + " rows for generation "
                                    + g
                                    + ", the archive has no archive_root row for it"
                                    + wholeHourNote(rows, extra.get(), g)));
        }

        if (byGeneration.isEmpty()) {
            if (findings.isEmpty() && misplaced.isEmpty()) {
                if (hour > lastSealed) {
                    return new HourVerdict(
                            hour, HourVerdict.Status.NOT_SEALED, rows.size(), 0, 0, List.of());
                }
                findings.add(
                        new HourFinding(
                                What.ROOT_MISSING,
                                "",
                                "",
                                "no archive_root row for the hour's "
                                        + rows.size()
                                        + " rows, though later hours are sealed"));
            }
        } else {
            compareRows(db, rows, listed, generationOf, findings);
        }
        findings.addAll(misplaced);
        return new HourVerdict(
                hour,
                findings.isEmpty() ? HourVerdict.Status.VERIFIED : HourVerdict.Status.FAILED,
                rows.size(),
                generations,
                onChain,
                List.copyOf(findings));
    }

    /** Row by row, the archive against the leaves its roots list. */
    private static void compareRows(
            ArchiveDatabase db,
            List<ArchivedRow> rows,
            Map<String, Bytes32> listed,
            Map<String, Integer> generationOf,
            List<HourFinding> findings) {
        Map<String, List<ArchivedRow>> byId = new LinkedHashMap<>();
        List<ArchivedRow> sorted = new ArrayList<>(rows);
        // of two copies of a row, the one in its own hour's directory counts as the original
        sorted.sort(
                Comparator.comparing(ArchivedRow::id)
                        .thenComparing(r -> r.fileHour() >= 0 && r.fileHour() != r.hour())
                        .thenComparing(r -> r.file().toString()));
        for (ArchivedRow row : sorted) {
            byId.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<ArchivedRow>> e : byId.entrySet()) {
            String id = e.getKey();
            Bytes32 expected = listed.get(id);
            List<ArchivedRow> copies = e.getValue();
            if (expected == null) {
                for (ArchivedRow copy : copies) {
                    findings.add(
                            new HourFinding(
                                    What.INSERTED,
                                    id,
                                    relative(db, copy.file()),
                                    "no root of the hour lists this row"));
                }
                continue;
            }
            boolean matched = false;
            for (ArchivedRow copy : copies) {
                if (copy.digest().equals(expected) && !matched) {
                    matched = true;
                } else if (copy.digest().equals(expected)) {
                    findings.add(
                            new HourFinding(
                                    What.DUPLICATED,
                                    id,
                                    relative(db, copy.file()),
                                    "a second copy of a row of generation "
                                            + generationOf.get(id)));
                } else {
                    findings.add(
                            new HourFinding(
                                    What.EDITED,
                                    id,
                                    relative(db, copy.file()),
                                    "its columns give digest "
                                            + copy.digest().toHex()
                                            + ", generation "
                                            + generationOf.get(id)
                                            + "'s root has "
                                            + expected.toHex()));
                }
            }
        }
        List<String> deleted = new ArrayList<>();
        for (String id : listed.keySet()) {
            if (!byId.containsKey(id)) {
                deleted.add(id);
            }
        }
        deleted.sort(null);
        for (String id : deleted) {
            findings.add(
                    new HourFinding(
                            What.DELETED,
                            id,
                            "",
                            "under generation "
                                    + generationOf.get(id)
                                    + "'s root, not in the archive"));
        }
    }

    private HourFinding missingRootRow(LedgerClient ledger, long hour, int generation) {
        Optional<AnchoredBatch> anchored = anchoredRoot(ledger, hour, generation);
        return new HourFinding(
                What.ROOT_MISSING,
                "",
                "",
                "no archive_root row for generation "
                        + generation
                        + anchored.map(a -> " (the chain holds root " + a.root().toHex() + ")")
                                .orElse(""));
    }

    /** When the only root of an hour is on the chain: do the rows still give it? */
    private static String wholeHourNote(List<ArchivedRow> rows, AnchoredBatch anchored, int g) {
        if (g != 0 || rows.isEmpty()) {
            return "";
        }
        List<HourLeaves.Leaf> leaves = new ArrayList<>();
        rows.forEach(r -> leaves.add(new HourLeaves.Leaf(r.id(), r.digest())));
        boolean same = HourLeaves.sorted(leaves).root().equals(anchored.root());
        return same
                ? "; the hour's rows still give that root"
                : "; the hour's " + rows.size() + " rows give another root";
    }

    private static Optional<AnchoredBatch> anchoredRoot(
            LedgerClient ledger, long hour, int generation) {
        if (ledger == null) {
            return Optional.empty();
        }
        return ledger.batch(HourLeaves.batchId(hour, generation));
    }

    private static String relative(ArchiveDatabase db, Path file) {
        try {
            return db.dir().relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
