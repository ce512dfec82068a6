package dev.pagerboy.contracts.ledger;

/** The account tried to anchor but the contract's owner has not made it a writer. */
public class NotAWriterException extends LedgerException {

    private final String account;

    public NotAWriterException(String account, String contract) {
        super(
                "account "
                        + account
                        + " is not a writer of AlertLedger "
                        + contract
                        + "; the contract owner must call addWriter("
                        + account
                        + ")");
        this.account = account;
    }

    public String account() {
        return account;
    }
}
