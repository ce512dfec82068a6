package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.util.List;
import java.util.function.Function;
import org.web3j.crypto.Credentials;

/**
 * What a Flink job does with the ledger in one run, for {@link LedgerClassLoaderReleaseTest} to run
 * inside a class loader of its own: connect, anchor one batch, close. Its arguments are the RPC
 * URL, the contract address and the writer's private key; it returns the transaction hash.
 */
public final class IsolatedAnchoring implements Function<List<String>, String> {

    @Override
    public String apply(List<String> args) {
        try (Web3jLedgerClient ledger =
                Web3jLedgerClient.connect(
                        LedgerSettings.defaults(args.get(0)),
                        args.get(1),
                        Credentials.create(args.get(2)))) {
            MerkleTree tree = MerkleTree.of(List.of(Bytes32.keccak256("isolated-leaf")));
            return ledger.anchor(BatchAnchor.of(Bytes32.keccak256("isolated-batch"), tree, 0))
                    .transactionHash()
                    .orElseThrow();
        } finally {
            Web3jLedgerClient.stopLibraryThreads();
        }
    }
}
