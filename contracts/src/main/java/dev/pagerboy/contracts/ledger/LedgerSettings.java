package dev.pagerboy.contracts.ledger;

import java.time.Duration;

/**
 * How a {@link Web3jLedgerClient} talks to a node.
 *
 * @param rpcUrl the JSON-RPC endpoint
 * @param retry retries for connection errors
 * @param httpTimeout connect/read timeout of one HTTP request
 * @param receiptPollInterval how often to ask for a receipt (Web3j's default of 15 s would cap a
 *     client at a few transactions a minute)
 * @param receiptTimeout how long to wait for a sent transaction to be mined
 * @param gasMargin multiplier applied to the node's gas estimate
 * @param asyncThreads threads that carry {@code anchorAsync} calls
 */
public record LedgerSettings(
        String rpcUrl,
        RetryPolicy retry,
        Duration httpTimeout,
        Duration receiptPollInterval,
        Duration receiptTimeout,
        double gasMargin,
        int asyncThreads) {

    public static LedgerSettings defaults(String rpcUrl) {
        return new LedgerSettings(
                rpcUrl,
                RetryPolicy.DEFAULT,
                Duration.ofSeconds(10),
                Duration.ofMillis(5),
                Duration.ofMinutes(2),
                1.25,
                8);
    }

    public LedgerSettings withRetry(RetryPolicy retry) {
        return new LedgerSettings(
                rpcUrl,
                retry,
                httpTimeout,
                receiptPollInterval,
                receiptTimeout,
                gasMargin,
                asyncThreads);
    }

    public LedgerSettings withAsyncThreads(int asyncThreads) {
        return new LedgerSettings(
                rpcUrl,
                retry,
                httpTimeout,
                receiptPollInterval,
                receiptTimeout,
                gasMargin,
                asyncThreads);
    }
}
