package dev.pagerboy.audit;

import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.audit.verify.AckSelection;
import dev.pagerboy.audit.verify.AckStatus;
import dev.pagerboy.audit.verify.AckVerification;
import dev.pagerboy.audit.verify.AckVerifier;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.streaming.anchor.AckReceiptRows;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast {@code ack verify --all} checks acknowledgments (issue 18 asks for ≥ 5 k acks/s locally,
 * and the rate of the contract's view calls reported). Anchors {@code ACKS} acks in batches of
 * {@code BATCH} on a real Anvil (one anchor transaction per batch, as the job does), archives an
 * accepted {@code ack} row and an {@code ack_receipt} row per ack with the job's Parquet sink, then
 * runs {@link AckVerifier} over all of them: a warm-up and {@code RUNS} timed runs. Prints, per
 * run, the whole verification (reading the archive included) and the rates the command itself
 * reports. A measurement, not a check: it asserts only that every ack verified. Runs on the test
 * class path (the job's Parquet sink needs Flink), only when asked:
 *
 * <pre>
 * mvn -B -o -pl audit-shell -am -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=none -Dit.failIfNoSpecifiedTests=false -Dit.test=AckVerifyBenchTest \
 *     -Dpagerboy.bench.acks=20000 -Dpagerboy.bench.batch=1000 -Dpagerboy.bench.runs=3 verify
 * </pre>
 */
@Tag("integration")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@EnabledIfSystemProperty(named = "pagerboy.bench.acks", matches = "\\d+")
class AckVerifyBenchTest {

    @Test
    void verifiesEveryAnchoredAck() throws Exception {
        int acks = Integer.getInteger("pagerboy.bench.acks");
        int batch = Integer.getInteger("pagerboy.bench.batch", 1_000);
        int runs = Integer.getInteger("pagerboy.bench.runs", 3);
        try (AnvilNode anvil = AnvilNode.builder().start()) {
            String contract =
                    Web3jLedgerClient.deploy(
                            LedgerSettings.defaults(anvil.rpcUrl()),
                            anvil.account(0).credentials(),
                            anvil.account(1).address());
            Path dir = Files.createTempDirectory("ack-verify-bench");
            long started = System.nanoTime();
            List<ArchiveRecord> rows = new ArrayList<>();
            try (Web3jLedgerClient writer =
                    Web3jLedgerClient.connect(
                            anvil.rpcUrl(), contract, anvil.account(1).credentials())) {
                for (int first = 0; first < acks; first += batch) {
                    List<AckLeaf> leaves = new ArrayList<>();
                    for (int n = first; n < Math.min(acks, first + batch); n++) {
                        leaves.add(leaf(anvil, n));
                        rows.add(AnchoredAcks.ackRow(n, leaves.get(leaves.size() - 1)));
                    }
                    for (AckReceipt receipt : anchor(writer, contract, first, leaves)) {
                        rows.add(AckReceiptRows.archiveRow(receipt));
                    }
                }
            }
            AnchoredAcks.write(dir, rows);
            System.out.printf(
                    Locale.ROOT,
                    "archived %,d acks in batches of %,d (%,d rows) in %.1f s%n",
                    acks,
                    batch,
                    rows.size(),
                    (System.nanoTime() - started) / 1e9);
            AuditSettings settings = new AuditSettings(dir, null, anvil.rpcUrl(), contract, false);
            AckSelection all = AckSelection.of(null, null, true, null);
            double[] whole = new double[runs];
            for (int run = -1; run < runs; run++) {
                long t0 = System.nanoTime();
                AckVerification v;
                try (ArchiveSession archive = new ArchiveSession(settings);
                        ChainSession chain = new ChainSession(settings)) {
                    v = new AckVerifier(archive, chain).verify(all);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (v.count(AckStatus.VERIFIED) != acks) {
                    throw new IllegalStateException(
                            "expected " + acks + " verified, got " + v.count(AckStatus.VERIFIED));
                }
                if (run < 0) {
                    continue;
                }
                whole[run] = acks / seconds;
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %,d verified in %.2f s (%,.0f acks/s, archive and chain"
                                + " included); local %,.0f acks/s; %d batch roots in %.0f ms;"
                                + " verify view %,.0f calls/s%n",
                        run + 1,
                        acks,
                        seconds,
                        acks / seconds,
                        acks / (v.localNanos() / 1e9),
                        v.batches(),
                        v.rootsNanos() / 1e6,
                        v.viewCalls() / (v.viewNanos() / 1e9));
            }
            Arrays.sort(whole);
            System.out.printf(Locale.ROOT, "median: %,.0f acks/s end to end%n", whole[runs / 2]);
        }
    }

    private static AckLeaf leaf(AnvilNode anvil, int n) {
        return new AckLeaf(
                "%016x-%d".formatted(n / 3, AnchoredAcks.T0 + n / 3 * 60_000L),
                String.format("%016x", 0xa11ce000L + n),
                anvil.account(2 + n % 2).address(),
                AnchoredAcks.T0 + 5 * 60_000 + n * 100L,
                Bytes32.keccak256("signature-" + n),
                n,
                AckMethod.SELF_SIGNED);
    }

    private static List<AckReceipt> anchor(
            Web3jLedgerClient writer, String contract, int first, List<AckLeaf> batch) {
        MerkleTree tree = MerkleTree.of(batch.stream().map(AckLeaf::digest).toList());
        Bytes32 batchId = Bytes32.keccak256("bench-batch-" + first);
        writer.anchor(BatchAnchor.of(batchId, tree, batch.get(0).sequence()));
        AnchorEvent event = writer.anchorOf(batchId).orElseThrow();
        return AnchoredAcks.receiptsOf(batchId, tree, batch, event, contract);
    }
}
