package dev.pagerboy.gateway.view;

import java.util.List;

/**
 * One acknowledgment's proof of inclusion, from the job's {@code ack-receipts} topic: enough to ask
 * the contract's {@code verify(batchId, leaf, proof)} view.
 *
 * @param engineer the lowercase address the ack was for
 * @param method {@code SELF_SIGNED} or {@code GATEWAY_ONE_TIME_LINK}
 * @param leafDigest the Merkle leaf
 * @param batchId the anchored batch
 * @param proof sibling hashes, leaf to root
 * @param blockNumber the block that anchored the batch
 * @param transactionHash the anchoring transaction
 */
public record AnchorProof(
        String engineer,
        String method,
        String leafDigest,
        String batchId,
        List<String> proof,
        long blockNumber,
        String transactionHash) {

    public AnchorProof {
        proof = List.copyOf(proof);
    }
}
