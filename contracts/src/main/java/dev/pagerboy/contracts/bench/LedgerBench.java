package dev.pagerboy.contracts.bench;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures what anchoring costs per acknowledgment, batched under one Merkle root versus the naive
 * way of one transaction per acknowledgment, against the same ledger in the same run.
 *
 * <p>A batched round is what the job does per checkpoint: hash each ack's leaf, build the tree,
 * anchor the root and wait until it is mined; the two halves are timed separately too ({@code
 * hash_ms}, {@code chain_ms}). Rounds run one after another (one batch in flight). The naive
 * baseline sends one single-leaf anchor per ack, all in flight at once through {@link
 * LedgerClient#anchorAsync} — its best case.
 */
public final class LedgerBench {

    /** CPU time of the hashing thread: on a shared machine wall time also counts waiting. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Median figures for one batch size. */
    public record BatchResult(
            int batchSize,
            int rounds,
            double medianMillis,
            double medianHashMillis,
            double medianHashCpuMillis,
            double medianChainMillis,
            double acksPerSecond,
            double gasPerAck) {}

    public record NaiveResult(int acks, double seconds, double acksPerSecond, double gasPerAck) {}

    private final LedgerClient ledger;
    private final PrintStream progress;
    private final String runTag = Long.toHexString(System.nanoTime());
    private long nextSeq;
    private int nextBatch;

    public LedgerBench(LedgerClient ledger, PrintStream progress) {
        this.ledger = ledger;
        this.progress = progress;
    }

    /** {@code rounds} measured batches of {@code batchSize} acks, after one unmeasured warm-up. */
    public BatchResult measureBatched(int batchSize, int rounds) {
        List<AckLeaf> warmUp = SyntheticAcks.make(nextSeq, batchSize); // JIT, connections
        anchor(treeOf(warmUp), nextSeq);
        nextSeq += batchSize;
        double[] millis = new double[rounds];
        double[] hashMillis = new double[rounds];
        double[] hashCpuMillis = new double[rounds];
        double[] gas = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            List<AckLeaf> acks = SyntheticAcks.make(nextSeq, batchSize);
            nextSeq += batchSize;
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            MerkleTree tree = treeOf(acks);
            long hashed = System.nanoTime();
            hashCpuMillis[r] = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
            AnchorReceipt receipt = anchor(tree, acks.get(0).sequence());
            long mined = System.nanoTime();
            millis[r] = (mined - started) / 1e6;
            hashMillis[r] = (hashed - started) / 1e6;
            gas[r] = (double) receipt.gasUsed() / batchSize;
        }
        double medianMs = median(millis);
        double[] chainMillis = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            chainMillis[r] = millis[r] - hashMillis[r];
        }
        BatchResult result =
                new BatchResult(
                        batchSize,
                        rounds,
                        medianMs,
                        median(hashMillis),
                        median(hashCpuMillis),
                        median(chainMillis),
                        batchSize / (medianMs / 1000),
                        median(gas));
        progress.printf(
                Locale.ROOT,
                "batch=%d rounds=%d median_ms=%.2f hash_ms=%.2f hash_cpu_ms=%.2f chain_ms=%.2f"
                        + " acks_per_s=%.0f gas_per_ack=%.1f%n",
                batchSize,
                rounds,
                medianMs,
                result.medianHashMillis(),
                result.medianHashCpuMillis(),
                result.medianChainMillis(),
                result.acksPerSecond(),
                result.gasPerAck());
        return result;
    }

    /** One single-leaf anchor transaction per ack, {@code acks} of them in flight together. */
    public NaiveResult measureNaive(int acks) {
        List<AckLeaf> leaves = SyntheticAcks.make(nextSeq, acks);
        long started = System.nanoTime();
        List<CompletableFuture<AnchorReceipt>> inFlight = new ArrayList<>(acks);
        for (AckLeaf leaf : leaves) {
            MerkleTree single = MerkleTree.of(List.of(leaf.digest()));
            inFlight.add(
                    ledger.anchorAsync(BatchAnchor.of(nextBatchId(), single, leaf.sequence())));
        }
        long gasTotal = 0;
        for (CompletableFuture<AnchorReceipt> f : inFlight) {
            gasTotal += f.join().gasUsed();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        nextSeq += acks;
        NaiveResult result =
                new NaiveResult(acks, seconds, acks / seconds, (double) gasTotal / acks);
        progress.printf(
                Locale.ROOT,
                "naive acks=%d seconds=%.2f acks_per_s=%.0f gas_per_ack=%.1f%n",
                acks,
                seconds,
                result.acksPerSecond(),
                result.gasPerAck());
        return result;
    }

    /** The job's work per batch before the chain: one leaf digest per ack, then the tree. */
    private static MerkleTree treeOf(List<AckLeaf> acks) {
        List<Bytes32> digests = new ArrayList<>(acks.size());
        for (AckLeaf ack : acks) {
            digests.add(ack.digest());
        }
        return MerkleTree.of(digests);
    }

    private AnchorReceipt anchor(MerkleTree tree, long firstSeq) {
        AnchorReceipt receipt = ledger.anchor(BatchAnchor.of(nextBatchId(), tree, firstSeq));
        if (!receipt.newlyAnchored()) {
            throw new IllegalStateException("benchmark batch was not newly anchored: " + receipt);
        }
        return receipt;
    }

    private Bytes32 nextBatchId() {
        return Bytes32.keccak256("ledger-bench/" + runTag + "/" + nextBatch++);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
