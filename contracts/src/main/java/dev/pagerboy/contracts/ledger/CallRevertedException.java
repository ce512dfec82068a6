package dev.pagerboy.contracts.ledger;

/** A call or gas estimate reverted; {@link #revertData()} holds the ABI-encoded error, if any. */
final class CallRevertedException extends LedgerException {

    private final String revertData;

    CallRevertedException(String message, String revertData) {
        super(message);
        this.revertData = revertData;
    }

    /** 0x-prefixed revert data, or "" when the node gave none. */
    String revertData() {
        return revertData;
    }
}
