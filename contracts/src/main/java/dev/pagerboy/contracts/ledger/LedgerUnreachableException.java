package dev.pagerboy.contracts.ledger;

/** The JSON-RPC endpoint did not answer after the bounded retries of the {@link RetryPolicy}. */
public class LedgerUnreachableException extends LedgerException {

    private final String rpcUrl;

    public LedgerUnreachableException(String rpcUrl, String message, Throwable cause) {
        super(message, cause);
        this.rpcUrl = rpcUrl;
    }

    public String rpcUrl() {
        return rpcUrl;
    }
}
