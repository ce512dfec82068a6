package dev.pagerboy.contracts.ledger;

import java.io.IOException;
import java.time.Duration;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Sends JSON-RPC requests with bounded retries and exponential backoff while the node does not
 * answer, and turns an endpoint that stays so into a {@link LedgerUnreachableException} naming it.
 *
 * <p>"Does not answer" is a refused or broken connection, and also an HTTP error status (a 503 from
 * a sick node or the load balancer in front of it: web3j raises it unchecked): the anchoring sinks
 * keep their batches and offer them again later for every {@link LedgerException}, so no web3j
 * exception may reach them (docs/RELIABILITY.md, finding 11). For reads ({@link #read}) an error
 * answer counts too: a read has no error a healthy node gives, and web3j would decode the missing
 * result into an unchecked exception. For {@link #send} error answers (reverts, rejected
 * transactions) are returned to the caller, not retried: they say something about the request.
 */
final class JsonRpc {

    /** What an answer carrying a JSON-RPC {@code error} means to the caller. */
    private enum ErrorAnswer {
        /** The caller reads the error (a revert, a rejected transaction). */
        RETURNED,
        /** The node could not answer: retried, then {@link LedgerUnreachableException}. */
        UNAVAILABLE
    }

    private final String rpcUrl;
    private final RetryPolicy retry;

    JsonRpc(String rpcUrl, RetryPolicy retry) {
        this.rpcUrl = rpcUrl;
        this.retry = retry;
    }

    String url() {
        return rpcUrl;
    }

    /** A call whose error answers mean something to the caller (eth_call, a transaction). */
    <T extends Response<?>> T send(String what, Request<?, T> request) {
        return exchange(what, request, ErrorAnswer.RETURNED);
    }

    /** A read of the chain: an error answer is the node failing, like a refused connection. */
    <T extends Response<?>> T read(String what, Request<?, T> request) {
        return exchange(what, request, ErrorAnswer.UNAVAILABLE);
    }

    private <T extends Response<?>> T exchange(
            String what, Request<?, T> request, ErrorAnswer errorAnswer) {
        long started = System.nanoTime();
        String last = null;
        Exception lastCause = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                T response = request.send();
                if (!response.hasError() || errorAnswer == ErrorAnswer.RETURNED) {
                    return response;
                }
                last =
                        "JSON-RPC error "
                                + response.getError().getCode()
                                + ": "
                                + response.getError().getMessage();
                lastCause = null;
            } catch (IOException | ClientConnectionException e) {
                last = e.toString();
                lastCause = e;
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
                lastCause);
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
