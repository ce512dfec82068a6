package dev.pagerboy.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.AnchorReceipt;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.gateway.ack.GatewaySigner;
import dev.pagerboy.gateway.ack.LedgerCheck;
import dev.pagerboy.gateway.config.LedgerTarget;
import dev.pagerboy.gateway.view.AnchorProof;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.crypto.Credentials;

/**
 * The Check button against a real chain: gateway-signed ack leaves anchored in an AlertLedger on
 * Anvil verify through the contract's {@code verify} view; a proof for another leaf does not; a
 * node that is not there is reported as unreachable, not as an error page.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LedgerCheckAnvilTest {

    @Test
    void theContractVerifiesAnAnchoredGatewayAckAndRefusesAnotherLeaf() throws Exception {
        GatewaySigner gateway = new GatewaySigner(Credentials.create(GatewayKafkaTest.SIGNER_KEY));
        try (AnvilNode anvil = AnvilNode.start()) {
            Credentials owner = anvil.account(0).credentials();
            String contract =
                    Web3jLedgerClient.deploy(
                            LedgerSettings.defaults(anvil.rpcUrl()), owner, owner.getAddress());
            List<Bytes32> leaves = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AckText text =
                        new AckText(
                                "3f2a9c1d0b7e6a55-179652960000" + i,
                                "3f2a9c1d0b7e6a55",
                                GatewayKafkaTest.ALICE,
                                AckAction.ACK,
                                1_796_529_600_000L + i);
                AckSignature sig = AckSignature.fromHex(gateway.sign(text).signature());
                leaves.add(AckLeaf.of(text, sig, i + 1, AckMethod.GATEWAY_ONE_TIME_LINK).digest());
            }
            MerkleTree tree = MerkleTree.of(leaves);
            Bytes32 batchId = Bytes32.keccak256("gateway-check/batch");
            AnchorReceipt anchored;
            try (Web3jLedgerClient writer =
                    Web3jLedgerClient.connect(anvil.rpcUrl(), contract, owner)) {
                anchored = writer.anchor(BatchAnchor.of(batchId, tree, 1));
            }
            try (LedgerCheck check =
                    new LedgerCheck(
                            new LedgerTarget(anvil.rpcUrl(), contract), gateway.credentials())) {
                assertThat(check.check(proof(tree, leaves, 1, batchId, anchored)))
                        .isEqualTo(LedgerCheck.Answer.VERIFIED);
                AnchorProof wrongLeaf =
                        new AnchorProof(
                                GatewayKafkaTest.ALICE,
                                "GATEWAY_ONE_TIME_LINK",
                                Bytes32.keccak256("not in the batch").toHex(),
                                batchId.toHex(),
                                proof(tree, leaves, 1, batchId, anchored).proof(),
                                anchored.blockNumber(),
                                "");
                assertThat(check.check(wrongLeaf)).isEqualTo(LedgerCheck.Answer.NOT_VERIFIED);
            }
            try (LedgerCheck down =
                    new LedgerCheck(
                            new LedgerTarget("http://127.0.0.1:9", contract),
                            gateway.credentials())) {
                assertThat(down.check(proof(tree, leaves, 0, batchId, anchored)))
                        .isEqualTo(LedgerCheck.Answer.UNREACHABLE);
            }
        }
    }

    private static AnchorProof proof(
            MerkleTree tree, List<Bytes32> leaves, int index, Bytes32 batchId, AnchorReceipt r) {
        List<String> path = new ArrayList<>();
        for (Bytes32 b : tree.proof(index)) {
            path.add(b.toHex());
        }
        return new AnchorProof(
                GatewayKafkaTest.ALICE,
                "GATEWAY_ONE_TIME_LINK",
                leaves.get(index).toHex(),
                batchId.toHex(),
                path,
                r.blockNumber(),
                r.transactionHash().orElse(""));
    }
}
