package dev.pagerboy.audit;

import java.nio.file.Path;

/**
 * What {@code ./pagerboy audit} was started with, fixed for the life of the shell. Only the
 * launcher ({@link AuditShell}) reads the command line; it hands this record to the Spring context,
 * and commands read it from there.
 *
 * @param archive the archive to open at start, or {@code null} (then {@code archive open DIR})
 * @param config the pagerboy.yaml the audited job ran with, or {@code null}
 * @param rpc the chain's JSON-RPC URL, or {@code null} (ack and archive verification)
 * @param contract the AlertLedger contract address, or {@code null}
 * @param debug whether user errors also print their stack trace
 */
public record AuditSettings(Path archive, Path config, String rpc, String contract, boolean debug) {

    /** No archive, no chain, no debug: what the tests start from. */
    public static AuditSettings none() {
        return new AuditSettings(null, null, null, null, false);
    }
}
