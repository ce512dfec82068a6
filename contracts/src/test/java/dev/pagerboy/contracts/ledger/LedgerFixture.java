package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.testing.AnvilExtension;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/** Deploys ledgers on a test's Anvil node: account 0 owns, account 1 writes, account 2 does not. */
final class LedgerFixture {

    private LedgerFixture() {}

    static Credentials owner(AnvilExtension anvil) {
        return anvil.account(0).credentials();
    }

    static Credentials writer(AnvilExtension anvil) {
        return anvil.account(1).credentials();
    }

    static Credentials outsider(AnvilExtension anvil) {
        return anvil.account(2).credentials();
    }

    /** A fresh AlertLedger whose first writer is account 1. */
    static String deploy(AnvilExtension anvil) {
        return Web3jLedgerClient.deploy(
                LedgerSettings.defaults(anvil.rpcUrl()), owner(anvil), writer(anvil).getAddress());
    }

    static Web3jLedgerClient connect(AnvilExtension anvil, String contract, Credentials as) {
        return Web3jLedgerClient.connect(anvil.rpcUrl(), contract, as);
    }

    static List<Bytes32> leaves(String tag, int n) {
        List<Bytes32> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(Bytes32.keccak256(tag + "/leaf-" + i));
        }
        return leaves;
    }
}
