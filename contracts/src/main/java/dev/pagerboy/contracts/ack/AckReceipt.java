package dev.pagerboy.contracts.ack;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.util.List;

/**
 * Proof that one acknowledgment is on the chain: the leaf's fields, the batch it was anchored in,
 * its Merkle proof, and the block and transaction that anchored the batch. With it anyone can check
 * the acknowledgment against the contract alone ({@code AlertLedger.verify(batchId, leaf, proof)}).
 *
 * <p>This record is the {@code ack_receipt} JSON (docs/ARCHIVE.md): the job writes it to the {@code
 * ack-receipts} topic (key = {@link #leafDigest}) and as the {@code ack_receipt} archive row, and
 * the audit shell, the gateway and the demo read it back. Hex values are lowercase {@code 0x}; all
 * fields are plain so the record is its own JSON. A receipt read from an archive may have been
 * edited: nothing here trusts {@link #leafDigest}, and {@link #toLeaf()} rejects malformed fields.
 *
 * @param leafDigest the Merkle leaf, {@link AckLeaf#digest()}
 * @param leafIndex position of the leaf in the batch's tree
 * @param leafCount leaves in the batch
 * @param proof sibling hashes from the leaf up to the root
 * @param contract the AlertLedger that holds the batch
 */
public record AckReceipt(
        String leafDigest,
        String incidentId,
        String fingerprint,
        String engineer,
        long ackedAtMillis,
        String signatureHash,
        long sequence,
        String method,
        String batchId,
        String root,
        int leafIndex,
        long leafCount,
        List<String> proof,
        long blockNumber,
        String transactionHash,
        String contract) {

    public AckReceipt {
        proof = proof == null ? List.of() : List.copyOf(proof);
    }

    /**
     * The receipt of leaf {@code index} of {@code tree}, batch {@code batchId}, anchored by {@code
     * event}.
     */
    public static AckReceipt of(
            AckLeaf leaf,
            Bytes32 batchId,
            MerkleTree tree,
            int index,
            AnchorEvent event,
            String contract) {
        return new AckReceipt(
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
                index,
                tree.size(),
                tree.proof(index).stream().map(Bytes32::toHex).toList(),
                event.blockNumber(),
                event.transactionHash(),
                contract);
    }

    /**
     * The acknowledgment the receipt is for, rebuilt from its fields (never from the stored {@link
     * #leafDigest}: an edited field must change what is checked).
     *
     * @throws IllegalArgumentException if a field is malformed
     */
    public AckLeaf toLeaf() {
        return new AckLeaf(
                incidentId,
                fingerprint,
                engineer,
                ackedAtMillis,
                Bytes32.fromHex(signatureHash),
                sequence,
                AckMethod.valueOf(method));
    }

    /**
     * The proof's sibling hashes.
     *
     * @throws IllegalArgumentException if one is not 32 bytes of hex
     */
    public List<Bytes32> proofHashes() {
        return proof.stream().map(Bytes32::fromHex).toList();
    }

    /** Whether the proof leads from the leaf to the root (local check, no chain needed). */
    public boolean proofHolds() {
        return toLeaf().digest().toHex().equals(leafDigest)
                && MerkleTree.verify(
                        Bytes32.fromHex(root),
                        leafCount,
                        Bytes32.fromHex(leafDigest),
                        proofHashes());
    }
}
