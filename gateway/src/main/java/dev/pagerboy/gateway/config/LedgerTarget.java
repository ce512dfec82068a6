package dev.pagerboy.gateway.config;

/**
 * Where the Check button asks the chain ({@code gateway.ledger}): a JSON-RPC endpoint and the
 * AlertLedger contract. Only the contract's {@code verify} view is called; nothing is sent.
 *
 * @param rpcUrl the node's JSON-RPC URL
 * @param contract the AlertLedger address
 */
public record LedgerTarget(String rpcUrl, String contract) {}
