package dev.pagerboy.audit.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import java.util.List;

/**
 * An {@code ack_receipt} row's payload (the job's {@code AckReceipt} JSON, docs/ARCHIVE.md): the
 * acknowledgment's leaf fields, its batch, root and Merkle proof.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ArchivedReceipt(
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

    /**
     * The leaf recomputed from the archived fields (never the stored {@link #leafDigest}: an edited
     * field must change what is checked).
     *
     * @throws IllegalArgumentException if a field is malformed
     */
    Bytes32 recomputedLeaf() {
        return new AckLeaf(
                        incidentId,
                        fingerprint,
                        engineer,
                        ackedAtMillis,
                        Bytes32.fromHex(signatureHash),
                        sequence,
                        AckMethod.valueOf(method))
                .digest();
    }

    List<Bytes32> proofHashes() {
        return proof == null ? List.of() : proof.stream().map(Bytes32::fromHex).toList();
    }
}
