package dev.pagerboy.audit;

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
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Anchored acknowledgments on a real Anvil, and an archive holding them as the job archives them:
 * an accepted {@code ack} row per ack (the payload of the job's {@code AckRows}) and an {@code
 * ack_receipt} row per anchored ack ({@code AckReceiptRows}, the job's own row builder), written by
 * the job's Parquet sink. Once per test JVM; Anvil stops with the JVM.
 *
 * <p>The job only emits receipts in its live (unbounded) mode, so this fixture anchors the batches
 * itself through {@link Web3jLedgerClient}, the client the job uses. Its acks:
 *
 * <ul>
 *   <li>acks 0–3 in batch 1 and 4–5 in batch 2: incident {@link #INCIDENT_A} gets 0–2, {@link
 *       #INCIDENT_B} gets 3–5;
 *   <li>ack 6 (incident B) is accepted but not anchored: no receipt.
 * </ul>
 */
public final class AnchoredAcks {

    public static final long T0 = JobArchive.T0;
    public static final String INCIDENT_A = "0123456789abcdef-" + T0;
    public static final String INCIDENT_B = "fedcba9876543210-" + (T0 + 60_000);
    public static final int ANCHORED = 6;

    private static AnchoredAcks instance;

    final AnvilNode anvil;
    final String contract;
    final Path dir;
    final List<AckLeaf> leaves = new ArrayList<>();
    final List<AckReceipt> receipts = new ArrayList<>();

    private AnchoredAcks(AnvilNode anvil, String contract, Path dir) {
        this.anvil = anvil;
        this.contract = contract;
        this.dir = dir;
    }

    /** The fixture, built on first use. */
    public static synchronized AnchoredAcks get() throws Exception {
        if (instance == null) {
            AnvilNode anvil = AnvilNode.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(anvil::close));
            instance = on(anvil);
        }
        return instance;
    }

    /**
     * The same acks anchored on {@code anvil} (a contract of their own), in an archive of their
     * own: for a chain that is stopped and kept ({@link KeptDemoChain}).
     */
    static AnchoredAcks on(AnvilNode anvil) throws Exception {
        String contract =
                Web3jLedgerClient.deploy(
                        LedgerSettings.defaults(anvil.rpcUrl()),
                        anvil.account(0).credentials(),
                        anvil.account(1).address());
        AnchoredAcks acks =
                new AnchoredAcks(anvil, contract, Files.createTempDirectory("audit-acks"));
        acks.build();
        return acks;
    }

    /** The settings of a shell started with this fixture's archive and chain. */
    public static AuditSettings settings() throws Exception {
        return settings(get().dir);
    }

    /** The settings of a shell started with {@code archive} and this fixture's chain. */
    public static AuditSettings settings(Path archive) throws Exception {
        AnchoredAcks acks = get();
        return new AuditSettings(archive, null, acks.anvil.rpcUrl(), acks.contract, false);
    }

    /** The leaf digest of ack {@code n}. */
    public static String leafDigest(int n) throws Exception {
        return get().leaves.get(n).digest().toHex();
    }

    /** A copy of the archive to tamper with, at {@code target}. */
    public static Path copy(Path target) throws Exception {
        return get().copyTo(target);
    }

    /**
     * Adds to {@code archive} an {@code ack_receipt} row for an ack that was never anchored,
     * claiming batch 1 with ack 0's proof; returns its row id.
     */
    public static String forgeReceiptRow(Path archive) throws Exception {
        AnchoredAcks acks = get();
        AckReceipt real = acks.receipts.get(0);
        AckLeaf forged =
                new AckLeaf(
                        INCIDENT_A,
                        real.fingerprint(),
                        acks.anvil.account(4).address(),
                        real.ackedAtMillis() + 1,
                        Bytes32.keccak256("forged"),
                        99,
                        AckMethod.SELF_SIGNED);
        AckReceipt receipt =
                new AckReceipt(
                        forged.digest().toHex(),
                        forged.incidentId(),
                        forged.fingerprint(),
                        forged.engineer(),
                        forged.ackedAtMillis(),
                        forged.signatureHash().toHex(),
                        forged.sequence(),
                        forged.method().name(),
                        real.batchId(),
                        real.root(),
                        real.leafIndex(),
                        real.leafCount(),
                        real.proof(),
                        real.blockNumber(),
                        real.transactionHash(),
                        real.contract());
        ArchiveRecord row = AckReceiptRows.archiveRow(receipt);
        String realId = AckReceiptRows.archiveRow(real).id();
        Tamper.rewrite(
                archive,
                realId,
                "SELECT * FROM f UNION ALL SELECT * REPLACE ('"
                        + row.id()
                        + "' AS id, '"
                        + row.payloadJson().replace("'", "''")
                        + "' AS payload_json) FROM f WHERE id = '"
                        + realId
                        + "'");
        return row.id();
    }

    private void build() throws Exception {
        for (int n = 0; n <= ANCHORED; n++) {
            leaves.add(leaf(n));
        }
        List<ArchiveRecord> rows = new ArrayList<>();
        try (Web3jLedgerClient writer =
                Web3jLedgerClient.connect(
                        anvil.rpcUrl(), contract, anvil.account(1).credentials())) {
            anchor(writer, "batch-1", leaves.subList(0, 4));
            anchor(writer, "batch-2", leaves.subList(4, ANCHORED));
        }
        for (int n = 0; n <= ANCHORED; n++) {
            rows.add(ackRow(n, leaves.get(n)));
        }
        for (AckReceipt receipt : receipts) {
            rows.add(AckReceiptRows.archiveRow(receipt));
        }
        write(dir, rows);
    }

    private AckLeaf leaf(int n) {
        return new AckLeaf(
                n < 3 ? INCIDENT_A : INCIDENT_B,
                String.format("%016x", 0xa11ce000L + n),
                anvil.account(2 + n % 2).address(),
                T0 + 5 * 60_000 + n * 1_000L,
                Bytes32.keccak256("signature-" + n),
                n,
                n == 1 ? AckMethod.GATEWAY_ONE_TIME_LINK : AckMethod.SELF_SIGNED);
    }

    private void anchor(Web3jLedgerClient writer, String name, List<AckLeaf> batch) {
        MerkleTree tree = MerkleTree.of(batch.stream().map(AckLeaf::digest).toList());
        Bytes32 batchId = Bytes32.keccak256(name);
        writer.anchor(BatchAnchor.of(batchId, tree, batch.get(0).sequence()));
        AnchorEvent event = writer.anchorOf(batchId).orElseThrow();
        receipts.addAll(receiptsOf(batchId, tree, batch, event, contract));
    }

    /** The receipts the job would write for {@code batch}, anchored as {@code event}. */
    static List<AckReceipt> receiptsOf(
            Bytes32 batchId,
            MerkleTree tree,
            List<AckLeaf> batch,
            AnchorEvent event,
            String contract) {
        List<AckReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            AckLeaf leaf = batch.get(i);
            receipts.add(
                    new AckReceipt(
                            leaf.digest().toHex(),
                            leaf.incidentId(),
                            leaf.fingerprint(),
                            leaf.engineer(),
                            leaf.ackedAtMillis(),
                            leaf.signatureHash().toHex(),
                            leaf.sequence(),
                            leaf.method().name(),
                            batchId.toHex(),
                            tree.root().toHex(),
                            i,
                            tree.size(),
                            tree.proof(i).stream().map(Bytes32::toHex).toList(),
                            event.blockNumber(),
                            event.transactionHash(),
                            contract));
        }
        return receipts;
    }

    /** The accepted {@code ack} row, shaped as the job's {@code AckRows.verdict}. */
    static ArchiveRecord ackRow(int n, AckLeaf leaf) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("verdict", "accepted");
        payload.put("detail", "");
        payload.put("incidentId", leaf.incidentId());
        payload.put("engineer", leaf.engineer());
        payload.put("engineerName", n % 2 == 0 ? "alice" : "bob");
        payload.put("action", "ack");
        payload.put("ackedAt", leaf.ackedAtMillis());
        payload.put("fingerprint", leaf.fingerprint());
        payload.put("signatureHash", leaf.signatureHash().toHex());
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                ArchiveKind.ACK.rowId("acks/0/" + n),
                ArchiveKind.ACK,
                leaf.ackedAtMillis(),
                leaf.incidentId(),
                "acks",
                0,
                n,
                "accepted",
                ArchiveRecord.CanonicalJson.write(payload),
                new byte[0]);
    }

    /** Writes {@code rows} with the job's Parquet sink (a bounded job on a local MiniCluster). */
    static void write(Path dir, List<ArchiveRecord> rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        env.fromData(rows, TypeInformation.of(ArchiveRecord.class))
                .sinkTo(
                        ParquetArchive.sink(
                                ArchiveLayout.at(dir.toUri().toString()).compactingEvery(1)));
        env.execute("audit-shell ack archive");
    }

    Path copyTo(Path target) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path from : walk.toList()) {
                Path to = target.resolve(dir.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
