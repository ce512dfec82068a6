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
 * @param receiptTimeout how long to wait for a sent transaction to be mined, in all
 * @param resendInterval how long a sent transaction may go without a receipt before its signed
 *     bytes are submitted again (a node can lose a pooled transaction; the same bytes have the same
 *     hash and nonce, so a resend can never run the call twice)
 * @param gasMargin multiplier applied to the node's gas estimate
 * @param asyncThreads threads that carry {@code anchorAsync} calls
 */
public record LedgerSettings(
        String rpcUrl,
        RetryPolicy retry,
        Duration httpTimeout,
        Duration receiptPollInterval,
        Duration receiptTimeout,
        Duration resendInterval,
        double gasMargin,
        int asyncThreads) {

    public static LedgerSettings defaults(String rpcUrl) {
        return new LedgerSettings(
                rpcUrl,
                RetryPolicy.DEFAULT,
                Duration.ofSeconds(10),
                Duration.ofMillis(5),
                Duration.ofMinutes(2),
                Duration.ofSeconds(15),
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
                resendInterval,
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
                resendInterval,
                gasMargin,
                asyncThreads);
    }

    /**
     * The same settings waiting at most {@code timeout} for a receipt, resending every {@code
     * resendInterval} meanwhile.
     */
    public LedgerSettings withReceiptWait(Duration timeout, Duration resendInterval) {
        return new LedgerSettings(
                rpcUrl,
                retry,
                httpTimeout,
                receiptPollInterval,
                timeout,
                resendInterval,
                gasMargin,
                asyncThreads);
    }
}
