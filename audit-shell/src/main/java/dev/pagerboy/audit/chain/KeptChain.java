package dev.pagerboy.audit.chain;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.contracts.anvil.AnvilNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A chain kept next to an archive, as {@code ./pagerboy demo} keeps its own (issue 18): Anvil's
 * state file ({@value #STATE_FILE}, what {@code anvil --dump-state} wrote when the chain stopped)
 * and the AlertLedger address ({@value #CONTRACT_FILE}, one line) in the archive's parent
 * directory. With it, {@code ./pagerboy audit --archive .pagerboy/demo/archive} needs no {@code
 * --rpc}/{@code --contract}: the shell starts a local Anvil from that state, after the demo has
 * stopped, and checks the demo's acks against it.
 *
 * <p>The Anvil started here does not dump its state back: auditing leaves the kept chain as it was.
 */
public record KeptChain(Path stateFile, String contract) {

    public static final String STATE_FILE = "chain-state.json";
    public static final String CONTRACT_FILE = "chain-contract";

    /** The chain kept next to {@code archive}, if both files are there. */
    public static Optional<KeptChain> besides(Path archive) {
        Path dir = archive.toAbsolutePath().normalize().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        Path state = dir.resolve(STATE_FILE);
        Path contract = dir.resolve(CONTRACT_FILE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(contract)) {
            return Optional.empty();
        }
        try {
            String address = Files.readString(contract).strip();
            if (!address.matches("0x[0-9a-fA-F]{40}")) {
                throw new AuditException(
                        contract
                                + ":1: chain.contract: '"
                                + address
                                + "' is not a contract address (expected 0x and 40 hex digits)");
            }
            return Optional.of(new KeptChain(state, address));
        } catch (IOException e) {
            throw new AuditException("cannot read " + contract + ": " + e.getMessage(), e);
        }
    }

    /** Starts a local Anvil from the kept state (the caller closes it). */
    public AnvilNode start() {
        try {
            return AnvilNode.builder().loadState(stateFile).start();
        } catch (RuntimeException e) {
            throw new AuditException(
                    "cannot start a local Anvil from "
                            + stateFile
                            + ": "
                            + e.getMessage()
                            + " (or pass --rpc URL --contract ADDR)",
                    e);
        }
    }
}
