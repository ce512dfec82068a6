package dev.pagerboy.audit.verify;

import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * {@code ack verify}: for each archived acknowledgment, recompute its Merkle leaf from the archived
 * fields and check its proof twice — locally against the root the chain stores for its batch, and
 * with the contract's {@code verify} view — without trusting anything the job wrote beyond the
 * fields themselves.
 *
 * <p>An accepted {@code ack} row is paired with its {@code ack_receipt} row by signature hash. Its
 * fields must equal the receipt's (else the one of the two that disagrees with the chain was
 * edited); without a receipt the ack is not anchored yet. A receipt without an {@code ack} row is
 * still checked, so a forged receipt fails on its own.
 */
@Service
public class AckVerifier {

    private final ArchiveSession archive;
    private final ChainSession chain;

    public AckVerifier(ArchiveSession archive, ChainSession chain) {
        this.archive = archive;
        this.chain = chain;
    }

    /**
     * One acknowledgment still to be checked against the chain; {@code mismatch} is set when its
     * {@code ack} row disagrees with its receipt.
     */
    private record Pending(
            int slot, String place, AckReceipt receipt, Bytes32 leaf, Mismatch mismatch) {}

    /** An {@code ack} row whose fields differ from its receipt's. */
    private record Mismatch(String ackRowId, String what) {}

    public AckVerification verify(AckSelection selection) {
        ArchivedAcks.Contents contents = ArchivedAcks.read(archive.database());
        List<AckCheck> checks = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();

        Map<String, Integer> receiptBySignature = new HashMap<>();
        for (int i = 0; i < contents.receipts().size(); i++) {
            receiptBySignature.putIfAbsent(lower(contents.receipts().get(i).signatureHash()), i);
        }
        boolean[] paired = new boolean[contents.receipts().size()];
        long leavesStarted = System.nanoTime();
        for (ArchivedAck ack : contents.acks()) {
            Integer r = receiptBySignature.get(lower(ack.signatureHash()));
            AckReceipt receipt = r == null ? null : contents.receipts().get(r);
            String receiptId = r == null ? "" : contents.receiptRowIds().get(r);
            if (r != null) {
                paired[r] = true;
            }
            if (!selection.includes(
                    ack.incidentId(),
                    ack.ackedAtMillis(),
                    ack.rowId(),
                    receiptId,
                    receipt == null ? "" : receipt.leafDigest(),
                    ack.signatureHash())) {
                continue;
            }
            if (receipt == null) {
                checks.add(
                        new AckCheck(
                                ack.rowId(),
                                ack.incidentId(),
                                ack.engineer(),
                                ack.ackedAtMillis(),
                                AckStatus.NOT_ANCHORED,
                                "no ack_receipt row with its signature hash yet"));
            } else {
                prepare(checks, pending, receiptId, receipt, difference(ack, receipt, receiptId));
            }
        }
        for (int i = 0; i < contents.receipts().size(); i++) {
            AckReceipt receipt = contents.receipts().get(i);
            String id = contents.receiptRowIds().get(i);
            if (!paired[i]
                    && selection.includes(
                            receipt.incidentId(),
                            receipt.ackedAtMillis(),
                            id,
                            receipt.leafDigest(),
                            receipt.signatureHash())) {
                prepare(checks, pending, id, receipt, null);
            }
        }
        if (selection.ack() == null && selection.incidentId() == null) {
            for (ArchivedAcks.Malformed bad : contents.malformed()) {
                checks.add(new AckCheck(bad.rowId(), "", "", 0, AckStatus.FAILED, bad.reason()));
            }
        }
        // pairing and recomputing the leaves is part of the local check's time
        return check(checks, pending, System.nanoTime() - leavesStarted);
    }

    /** Adds a slot for {@code receipt}: pending, or failed at once if its fields make no leaf. */
    private static void prepare(
            List<AckCheck> checks,
            List<Pending> pending,
            String place,
            AckReceipt receipt,
            Mismatch mismatch) {
        int slot = checks.size();
        try {
            pending.add(new Pending(slot, place, receipt, receipt.toLeaf().digest(), mismatch));
            checks.add(null);
        } catch (RuntimeException e) {
            checks.add(
                    new AckCheck(
                            place,
                            receipt.incidentId(),
                            receipt.engineer(),
                            receipt.ackedAtMillis(),
                            AckStatus.FAILED,
                            "its fields do not make a leaf: " + e.getMessage()));
        }
    }

    private AckVerification check(List<AckCheck> checks, List<Pending> pending, long leavesNanos) {
        LedgerClient ledger = pending.isEmpty() ? null : chain.ledger();
        long started = System.nanoTime();
        Map<String, Optional<AnchoredBatch>> batches = new LinkedHashMap<>();
        for (Pending p : pending) {
            String id = lower(p.receipt().batchId());
            if (!batches.containsKey(id)) {
                batches.put(id, batchOf(ledger, id));
            }
        }
        long rootsNanos = System.nanoTime() - started;

        started = System.nanoTime();
        List<Pending> holding = new ArrayList<>();
        for (Pending p : pending) {
            String failure = local(p, batches.get(lower(p.receipt().batchId())));
            if (failure != null) {
                if (p.mismatch() != null) {
                    failure =
                            failure
                                    + "; and "
                                    + p.mismatch().ackRowId()
                                    + " "
                                    + p.mismatch().what();
                }
                checks.set(p.slot(), failed(p, p.place(), failure));
            } else {
                holding.add(p);
            }
        }
        long localNanos = leavesNanos + System.nanoTime() - started;

        started = System.nanoTime();
        for (Pending p : holding) {
            boolean byContract =
                    ledger.verify(
                            Bytes32.fromHex(p.receipt().batchId()),
                            p.leaf(),
                            p.receipt().proofHashes());
            if (!byContract) {
                checks.set(
                        p.slot(),
                        failed(
                                p,
                                p.place(),
                                "the contract's verify view rejects the proof that holds against"
                                        + " its stored root"));
            } else if (p.mismatch() != null) {
                checks.set(p.slot(), failed(p, p.mismatch().ackRowId(), p.mismatch().what()));
            } else {
                AckReceipt r = p.receipt();
                checks.set(
                        p.slot(),
                        new AckCheck(
                                p.place(),
                                r.incidentId(),
                                r.engineer(),
                                r.ackedAtMillis(),
                                AckStatus.VERIFIED,
                                ""));
            }
        }
        long viewNanos = System.nanoTime() - started;
        return new AckVerification(
                List.copyOf(checks),
                batches.size(),
                rootsNanos,
                localNanos,
                holding.size(),
                viewNanos);
    }

    /** Why {@code p} fails against the stored batch, or {@code null} if its proof holds. */
    private static String local(Pending p, Optional<AnchoredBatch> stored) {
        AckReceipt r = p.receipt();
        if (stored.isEmpty()) {
            return "its batch " + r.batchId() + " is not on the chain";
        }
        AnchoredBatch batch = stored.get();
        if (!batch.root().toHex().equalsIgnoreCase(r.root())) {
            return "its receipt names root "
                    + r.root()
                    + " but the chain stores "
                    + batch.root().toHex()
                    + " for batch "
                    + r.batchId();
        }
        List<Bytes32> proof;
        try {
            proof = r.proofHashes();
        } catch (RuntimeException e) {
            return "its proof is malformed: " + e.getMessage();
        }
        if (MerkleTree.verify(batch.root(), batch.leafCount(), p.leaf(), proof)) {
            return null;
        }
        String leaf = p.leaf().toHex();
        if (!leaf.equalsIgnoreCase(r.leafDigest())) {
            return "the archived fields give leaf "
                    + leaf
                    + ", not the anchored "
                    + r.leafDigest()
                    + ", which is not under batch "
                    + r.batchId()
                    + "'s root (a field of this row was changed)";
        }
        return "leaf " + leaf + " is not under the root of batch " + r.batchId();
    }

    private static AckCheck failed(Pending p, String place, String reason) {
        AckReceipt r = p.receipt();
        return new AckCheck(
                place, r.incidentId(), r.engineer(), r.ackedAtMillis(), AckStatus.FAILED, reason);
    }

    private static Optional<AnchoredBatch> batchOf(LedgerClient ledger, String batchId) {
        try {
            return ledger.batch(Bytes32.fromHex(batchId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How {@code ack} differs from its receipt, or {@code null} if it does not. */
    private static Mismatch difference(ArchivedAck ack, AckReceipt receipt, String receiptId) {
        List<String> diffs = new ArrayList<>();
        compare(diffs, "incidentId", ack.incidentId(), receipt.incidentId());
        compare(diffs, "fingerprint", ack.fingerprint(), receipt.fingerprint());
        compare(diffs, "engineer", ack.engineer(), receipt.engineer());
        compare(
                diffs,
                "ackedAt",
                Long.toString(ack.ackedAtMillis()),
                Long.toString(receipt.ackedAtMillis()));
        if (diffs.isEmpty()) {
            return null;
        }
        return new Mismatch(
                ack.rowId(),
                "differs from the anchored leaf of " + receiptId + ": " + String.join(", ", diffs));
    }

    private static void compare(
            List<String> diffs, String field, String archived, String anchored) {
        if (!lower(archived).equals(lower(anchored))) {
            diffs.add(field + " is " + archived + " here, " + anchored + " on the chain");
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
