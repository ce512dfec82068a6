package dev.pagerboy.contracts.ledger;

import java.io.IOException;
import java.time.Duration;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Sends JSON-RPC requests with bounded retries and exponential backoff on connection errors, and
 * turns an endpoint that stays unreachable into a {@link LedgerUnreachableException} naming it.
 * Error responses (reverts, rejected transactions) are returned to the caller, not retried.
 */
final class JsonRpc {

    private final String rpcUrl;
    private final RetryPolicy retry;

    JsonRpc(String rpcUrl, RetryPolicy retry) {
        this.rpcUrl = rpcUrl;
        this.retry = retry;
    }

    String url() {
        return rpcUrl;
    }

    <T extends Response<?>> T send(String what, Request<?, T> request) {
        long started = System.nanoTime();
        IOException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                return request.send();
            } catch (IOException e) {
                last = e;
            }
            if (attempt < retry.maxAttempts()) {
                sleep(retry.backoffAfter(attempt));
            }
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        throw new LedgerUnreachableException(
                rpcUrl,
                "Ethereum JSON-RPC endpoint "
                        + rpcUrl
                        + " unreachable ("
                        + what
                        + "): "
                        + retry.maxAttempts()
                        + " attempts over "
                        + elapsedMs
                        + " ms failed, last error: "
                        + last,
                last);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting to retry a JSON-RPC call", e);
        }
    }
}
