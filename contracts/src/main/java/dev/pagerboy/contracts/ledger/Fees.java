package dev.pagerboy.contracts.ledger;

import java.math.BigInteger;
import org.web3j.crypto.RawTransaction;

/**
 * What a transaction offers to pay for its gas, and the unsigned transaction that offers it.
 *
 * <p>On a chain with a base fee (EIP-1559) the transaction is of type 2: its tip is the node's
 * suggested priority fee, and its cap is twice the latest base fee plus that tip, so a base fee
 * that rises between blocks does not strand it. The tip actually paid stays the node's suggestion.
 *
 * <p>A legacy gas price with the same head room would pay all of it as tip. A node that suggests
 * prices from recent tips, as Anvil does, then raises its suggestion by the head room every time it
 * is read: the price doubled every second, and after a minute or two of steady anchoring the
 * account could no longer pay for one transaction. The node dropped the pending one and the writer
 * waited out its receipt timeout. A chain without a base fee still gets a legacy transaction, at
 * the node's price.
 *
 * @param maxFeePerGas the most paid per gas in all (for a legacy transaction: its gas price)
 * @param maxPriorityFeePerGas the tip per gas; null for a legacy transaction
 */
record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    /** A type-2 transaction's fees over {@code baseFee} with the node's suggested {@code tip}. */
    static Fees dynamic(BigInteger baseFee, BigInteger tip) {
        return new Fees(baseFee.multiply(BigInteger.TWO).add(tip), tip);
    }

    /** A legacy transaction's fee, for a chain whose blocks have no base fee. */
    static Fees legacy(BigInteger gasPrice) {
        return new Fees(gasPrice, null);
    }

    boolean isDynamic() {
        return maxPriorityFeePerGas != null;
    }

    /** The unsigned transaction calling {@code to} (null: creating a contract) with these fees. */
    RawTransaction transaction(
            long chainId, BigInteger nonce, BigInteger gasLimit, String to, String data) {
        if (isDynamic()) {
            return RawTransaction.createTransaction(
                    chainId,
                    nonce,
                    gasLimit,
                    to == null ? "" : to,
                    BigInteger.ZERO,
                    data,
                    maxPriorityFeePerGas,
                    maxFeePerGas);
        }
        return to == null
                ? RawTransaction.createContractTransaction(
                        nonce, maxFeePerGas, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(
                        nonce, maxFeePerGas, gasLimit, to, BigInteger.ZERO, data);
    }
}
