package dev.pagerboy.contracts.ledger;

import java.util.List;
import java.util.Optional;

/** A summary of one AlertLedger contract, for operators (see {@code ledger status}). */
public record LedgerStatus(
        String contract,
        long chainId,
        String owner,
        List<String> writers,
        long anchorCount,
        Optional<AnchoredBatch> latest) {}
