package dev.pagerboy.contracts.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Signs and sends transactions from one account and waits for their receipts.
 *
 * <p>Nonces are assigned here, not fetched per transaction, so many threads can send at once: a
 * lock hands out the next nonce and submits the signed transaction in nonce order. When the node
 * disagrees (a nonce error, or a send whose fate is unknown) the next send re-reads the account's
 * pending nonce; a transaction refused for its nonce (another process sends from the same account)
 * is re-signed with a fresh one a bounded number of times. A send that failed on the wire is resent
 * byte for byte, so the node either has it already ("already known") or takes it now — it is never
 * sent twice with different nonces.
 *
 * <p>A transaction can still lose its nonce after the node accepted it: another sender on the same
 * account whose gas price is enough higher replaces it while it is pending. Waiting for its receipt
 * would then wait forever, so {@link #sendAndWait} watches for that case (the node no longer knows
 * the hash and the account's mined nonce has passed it) and sends the call again with a fresh
 * nonce, a bounded number of times. Only a transaction that provably never ran is sent again.
 *
 * <p>A node can also lose a transaction it accepted (Anvil's pool drops one its account can no
 * longer pay for). So while waiting, every {@link LedgerSettings#resendInterval()} without a
 * receipt the same signed bytes are submitted again: same hash, same nonce, so the node either
 * still has it ({@link ResendAnswer#STILL_POOLED}), takes it back ({@link ResendAnswer#ACCEPTED}),
 * or has already mined that nonce ({@link ResendAnswer#NONCE_USED}: the receipt or the replacement
 * check decides which). A node that refuses it for another reason, and no longer holds it, ends the
 * wait at once with its reason. The wait stays bounded by {@link LedgerSettings#receiptTimeout()}
 * overall.
 *
 * <p>Fees are type-2 (EIP-1559) where the chain has a base fee: see {@link Fees} for why a legacy
 * price with head room made the price run away.
 */
final class TransactionSender {

    private static final Duration FEE_CACHE = Duration.ofSeconds(1);
    private static final int MAX_NONCE_ATTEMPTS = 8;
    private static final Duration REPLACEMENT_CHECK = Duration.ofSeconds(1);

    private final Web3j web3j;
    private final JsonRpc rpc;
    private final Credentials credentials;
    private final long chainId;
    private final LedgerSettings settings;

    private final Object nonceLock = new Object();
    private BigInteger nextNonce; // null = read from the node before the next send

    private final Object feeLock = new Object();
    private Fees fees;
    private long feesReadAt;

    TransactionSender(
            Web3j web3j,
            JsonRpc rpc,
            Credentials credentials,
            long chainId,
            LedgerSettings settings) {
        this.web3j = web3j;
        this.rpc = rpc;
        this.credentials = credentials;
        this.chainId = chainId;
        this.settings = settings;
    }

    String account() {
        return credentials.getAddress();
    }

    /** eth_call from this account against the latest block; reverts become exceptions. */
    String call(String to, String data) {
        EthCall response =
                rpc.send(
                        "eth_call",
                        web3j.ethCall(
                                Transaction.createEthCallTransaction(account(), to, data),
                                DefaultBlockParameterName.LATEST));
        if (response.hasError()) {
            throw reverted("eth_call", response);
        }
        if (response.isReverted()) {
            throw new CallRevertedException(
                    "eth_call reverted: " + response.getRevertReason(), response.getValue());
        }
        return response.getValue();
    }

    /** The node's gas estimate times the configured margin; reverts become exceptions. */
    BigInteger estimateGas(String to, String data) {
        EthEstimateGas response =
                rpc.send(
                        "eth_estimateGas",
                        web3j.ethEstimateGas(
                                Transaction.createFunctionCallTransaction(
                                        account(), null, null, null, to, data)));
        if (response.hasError()) {
            throw reverted("eth_estimateGas", response);
        }
        return new BigDecimal(response.getAmountUsed())
                .multiply(BigDecimal.valueOf(settings.gasMargin()))
                .toBigInteger();
    }

    /** Signs, sends and waits for the receipt of a call to {@code to} (null: contract creation). */
    TransactionReceipt sendAndWait(String to, String data, BigInteger gasLimit) {
        for (int attempt = 1; ; attempt++) {
            Sent sent = send(to, data, gasLimit);
            try {
                return waitForReceipt(sent);
            } catch (TransactionReplacedException e) {
                if (attempt >= MAX_NONCE_ATTEMPTS) {
                    throw e;
                }
                synchronized (nonceLock) {
                    nextNonce = null; // another sender took the nonce: re-read it
                }
            } catch (LedgerException e) {
                // Never mined, or the node went away while we waited: a node that restarts can
                // come back without its pool, and counting on from our nonce would leave a gap
                // that no later transaction gets past. The next send asks the node again.
                synchronized (nonceLock) {
                    nextNonce = null;
                }
                throw e;
            }
        }
    }

    /** A submitted transaction: its hash, the nonce it was signed with, and its signed bytes. */
    record Sent(String hash, BigInteger nonce, String signedHex) {}

    /** What the node said to a resend of the same signed bytes. */
    enum ResendAnswer {
        /** The node had lost the transaction and took it again. */
        ACCEPTED,
        /** The node still holds it in its pool ("already known" / "already imported"). */
        STILL_POOLED,
        /** The nonce is mined: by this transaction (a receipt follows) or by a replacement. */
        NONCE_USED,
        /** Anything else (e.g. a pooled replacement with this nonce): keep waiting. */
        REFUSED;

        static ResendAnswer of(EthSendTransaction response) {
            if (!response.hasError()) {
                return ACCEPTED;
            }
            if (isAlreadyKnown(response.getError())) {
                return STILL_POOLED;
            }
            String m = response.getError().getMessage().toLowerCase(Locale.ROOT);
            return m.contains("nonce too low") || m.contains("nonce is too low")
                    ? NONCE_USED
                    : REFUSED;
        }
    }

    /** Thrown while waiting when another transaction took this one's nonce: it will never run. */
    static final class TransactionReplacedException extends LedgerException {
        TransactionReplacedException(String message) {
            super(message);
        }
    }

    /** Signs and submits; returns the transaction hash and nonce. */
    Sent send(String to, String data, BigInteger gasLimit) {
        Fees fees = fees();
        synchronized (nonceLock) {
            for (int attempt = 1; ; attempt++) {
                if (nextNonce == null) {
                    nextNonce =
                            rpc.read(
                                            "eth_getTransactionCount",
                                            web3j.ethGetTransactionCount(
                                                    account(), DefaultBlockParameterName.PENDING))
                                    .getTransactionCount();
                }
                RawTransaction tx = fees.transaction(chainId, nextNonce, gasLimit, to, data);
                byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
                String hex = Numeric.toHexString(signed);
                String hash = Numeric.toHexString(Hash.sha3(signed));
                EthSendTransaction response;
                try {
                    response = rpc.send("eth_sendRawTransaction", web3j.ethSendRawTransaction(hex));
                } catch (LedgerUnreachableException e) {
                    nextNonce = null; // the node may or may not have the transaction
                    throw e;
                }
                if (!response.hasError() || isAlreadyKnown(response.getError())) {
                    BigInteger used = nextNonce;
                    nextNonce = nextNonce.add(BigInteger.ONE);
                    return new Sent(hash, used, hex);
                }
                String message = response.getError().getMessage();
                nextNonce = null;
                if (isNonceConflict(message)) {
                    if (nodeHas(hash)) {
                        return new Sent(hash, tx.getNonce(), hex); // a retried send that arrived
                    }
                    if (attempt < MAX_NONCE_ATTEMPTS) {
                        // Another sender used this account's nonce: re-read it and re-sign,
                        // after a short random pause so two racing senders drift apart.
                        pause(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 1));
                        continue;
                    }
                }
                throw new LedgerException(
                        "node rejected the transaction from " + account() + ": " + message);
            }
        }
    }

    /**
     * Polls for the receipt every {@code receiptPollInterval} until {@code receiptTimeout}, and
     * submits the same signed bytes again every {@code resendInterval} without one.
     */
    TransactionReceipt waitForReceipt(Sent sent) {
        String txHash = sent.hash();
        long deadline = System.nanoTime() + settings.receiptTimeout().toNanos();
        long nextReplacementCheck = System.nanoTime() + REPLACEMENT_CHECK.toNanos();
        long nextResend = System.nanoTime() + settings.resendInterval().toNanos();
        ResendAnswer lastResend = null;
        int resends = 0;
        while (true) {
            EthGetTransactionReceipt response =
                    rpc.read("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash));
            if (response.hasError()) {
                throw new LedgerException(
                        "cannot read the receipt of "
                                + txHash
                                + ": "
                                + response.getError().getMessage());
            }
            Optional<TransactionReceipt> receipt = response.getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > nextReplacementCheck) {
                nextReplacementCheck = System.nanoTime() + REPLACEMENT_CHECK.toNanos();
                if (wasReplaced(sent)) {
                    throw new TransactionReplacedException(
                            "transaction "
                                    + txHash
                                    + " (nonce "
                                    + sent.nonce()
                                    + ") was replaced by another transaction from "
                                    + account()
                                    + " and will never be mined");
                }
            }
            if (System.nanoTime() > nextResend) {
                nextResend = System.nanoTime() + settings.resendInterval().toNanos();
                EthSendTransaction resend =
                        rpc.send(
                                "eth_sendRawTransaction",
                                web3j.ethSendRawTransaction(sent.signedHex()));
                lastResend = ResendAnswer.of(resend);
                resends++;
                if (lastResend == ResendAnswer.REFUSED
                        && !isNonceConflict(resend.getError().getMessage())
                        && !nodeHas(txHash)) {
                    // Dropped from the pool, and refused for a reason of its own (e.g. the
                    // account cannot pay for it): no receipt will ever come, so say why now.
                    throw new LedgerException(
                            "transaction "
                                    + txHash
                                    + " (nonce "
                                    + sent.nonce()
                                    + ") is no longer in the pool of "
                                    + rpc.url()
                                    + ", which refuses it again: "
                                    + resend.getError().getMessage());
                }
                if (lastResend == ResendAnswer.NONCE_USED) {
                    nextReplacementCheck = System.nanoTime(); // mined or replaced: find out now
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LedgerException(
                        "transaction "
                                + txHash
                                + " was not mined within "
                                + settings.receiptTimeout().toSeconds()
                                + " s on "
                                + rpc.url()
                                + (resends == 0
                                        ? ""
                                        : " (sent again "
                                                + resends
                                                + " times, last answer "
                                                + lastResend
                                                + ")"));
            }
            try {
                Thread.sleep(settings.receiptPollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException("interrupted while waiting for " + txHash, e);
            }
        }
    }

    /** The fees to offer now, read from the node at most once per {@link #FEE_CACHE}. */
    private Fees fees() {
        synchronized (feeLock) {
            long now = System.nanoTime();
            if (fees == null || now - feesReadAt > FEE_CACHE.toNanos()) {
                fees = readFees();
                feesReadAt = now;
            }
            return fees;
        }
    }

    private Fees readFees() {
        EthBlock latest =
                rpc.read(
                        "eth_getBlockByNumber",
                        web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false));
        EthBlock.Block block = latest.getBlock();
        if (block == null || block.getBaseFeePerGasRaw() == null) {
            return Fees.legacy(rpc.read("eth_gasPrice", web3j.ethGasPrice()).getGasPrice());
        }
        EthMaxPriorityFeePerGas tip =
                rpc.read("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas());
        if (tip.hasError()) {
            throw new LedgerException(
                    "eth_maxPriorityFeePerGas failed on "
                            + rpc.url()
                            + ": "
                            + tip.getError().getMessage());
        }
        return Fees.dynamic(block.getBaseFeePerGas(), tip.getMaxPriorityFeePerGas());
    }

    /**
     * Whether another transaction took {@code sent}'s nonce: the account's mined nonce has passed
     * it, and the node knows nothing of this hash (a mined or pending transaction is known). The
     * receipt is read once more last, so one mined in between is not mistaken for replaced.
     */
    private boolean wasReplaced(Sent sent) {
        BigInteger mined =
                rpc.read(
                                "eth_getTransactionCount",
                                web3j.ethGetTransactionCount(
                                        account(), DefaultBlockParameterName.LATEST))
                        .getTransactionCount();
        if (mined.compareTo(sent.nonce()) <= 0 || nodeHas(sent.hash())) {
            return false;
        }
        return rpc.read("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(sent.hash()))
                .getTransactionReceipt()
                .isEmpty();
    }

    private boolean nodeHas(String txHash) {
        return rpc.read("eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash))
                .getTransaction()
                .isPresent();
    }

    /** The node refused the nonce: used by a mined tx, or by a pending one we cannot replace. */
    private static boolean isNonceConflict(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("nonce") || m.contains("replacement transaction underpriced");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while re-sending a transaction", e);
        }
    }

    private static boolean isAlreadyKnown(Response.Error error) {
        String m = error.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("already known")
                || m.contains("known transaction")
                || m.contains("already imported"); // Anvil's words
    }

    private static CallRevertedException reverted(String what, Response<?> response) {
        Response.Error error = response.getError();
        String data = error.getData() == null ? "" : error.getData().replace("\"", "").trim();
        return new CallRevertedException(what + " failed: " + error.getMessage(), data);
    }
}
