package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns AlertLedger's custom errors (ABI-encoded revert data) into the exceptions callers act on:
 * {@code NotWriter(address)} → {@link NotAWriterException}, {@code RootConflict(...)} → {@link
 * RootConflictException}, the rest → a {@link LedgerException} naming the error.
 */
final class ContractErrors {

    private static final Map<String, String> BY_SELECTOR =
            Map.of(
                    selector("NotWriter(address)"), "NotWriter",
                    selector("NotOwner(address)"), "NotOwner",
                    selector("RootConflict(bytes32,bytes32,bytes32)"), "RootConflict",
                    selector("EmptyBatch(bytes32)"), "EmptyBatch",
                    selector("ZeroRoot(bytes32)"), "ZeroRoot",
                    selector("ZeroAddress()"), "ZeroAddress");

    private ContractErrors() {}

    static LedgerException translate(CallRevertedException e, String contract) {
        String data = e.revertData();
        String name = data.length() >= 10 ? BY_SELECTOR.get(data.substring(0, 10)) : null;
        if (name == null) {
            return new LedgerException(
                    "AlertLedger " + contract + " rejected the call: " + e.getMessage(), e);
        }
        String args = data.substring(10);
        return switch (name) {
            case "NotWriter" -> new NotAWriterException(addressWord(args, 0), contract);
            case "NotOwner" ->
                    new LedgerException(
                            "account "
                                    + addressWord(args, 0)
                                    + " is not the owner of AlertLedger "
                                    + contract);
            case "RootConflict" ->
                    new RootConflictException(word(args, 0), word(args, 1), word(args, 2));
            default ->
                    new LedgerException(
                            "AlertLedger " + contract + " rejected the call: " + name + " " + data,
                            e);
        };
    }

    private static Bytes32 word(String hexArgs, int index) {
        return Bytes32.fromHex(hexArgs.substring(64 * index, 64 * (index + 1)));
    }

    private static String addressWord(String hexArgs, int index) {
        return "0x" + hexArgs.substring(64 * index + 24, 64 * (index + 1));
    }

    private static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 10);
    }
}
