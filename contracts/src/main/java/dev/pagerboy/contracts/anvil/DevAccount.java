package dev.pagerboy.contracts.anvil;

import org.web3j.crypto.Credentials;

/**
 * One of the funded accounts a local Anvil node derives from its mnemonic. Development keys only:
 * they are public knowledge and must never hold anything of value.
 *
 * @param index BIP-44 account index (m/44'/60'/0'/0/index)
 * @param address 0x-prefixed lowercase address
 * @param privateKey 0x-prefixed 32-byte private key in hex
 */
public record DevAccount(int index, String address, String privateKey) {

    public Credentials credentials() {
        return Credentials.create(privateKey);
    }
}
