package dev.pagerboy.contracts.anvil;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/**
 * Derives the accounts Anvil funds at genesis from a BIP-39 mnemonic, along the same path Anvil
 * uses (m/44'/60'/0'/0/i), so tests and the demo know the keys without parsing Anvil's banner.
 */
public final class DevAccounts {

    private DevAccounts() {}

    public static List<DevAccount> derive(String mnemonic, int count) {
        Bip32ECKeyPair master =
                Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
        List<DevAccount> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] path = {
                44 | Bip32ECKeyPair.HARDENED_BIT,
                60 | Bip32ECKeyPair.HARDENED_BIT,
                Bip32ECKeyPair.HARDENED_BIT,
                0,
                i
            };
            Credentials credentials =
                    Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
            accounts.add(
                    new DevAccount(
                            i,
                            credentials.getAddress(),
                            Numeric.toHexStringWithPrefixZeroPadded(
                                    credentials.getEcKeyPair().getPrivateKey(), 64)));
        }
        return List.copyOf(accounts);
    }
}
