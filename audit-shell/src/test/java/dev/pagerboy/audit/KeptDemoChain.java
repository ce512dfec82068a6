package dev.pagerboy.audit;

import dev.pagerboy.audit.chain.KeptChain;
import dev.pagerboy.contracts.anvil.AnvilNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A demo directory as {@code ./pagerboy demo} leaves it once it has stopped (issue 18): {@code
 * archive/} with anchored acks ({@link AnchoredAcks#on}), and next to it the chain they were
 * anchored on, stopped: Anvil's dumped state ({@code chain-state.json}) and the contract address
 * ({@code chain-contract}). No Anvil runs afterwards; the shell must start one from the state. Once
 * per test JVM.
 */
final class KeptDemoChain {

    private static Path archive;

    private KeptDemoChain() {}

    /** The demo's archive directory; the chain is kept in its parent. */
    static synchronized Path archive() throws Exception {
        if (archive == null) {
            Path demo = Files.createTempDirectory("audit-demo");
            Path state = demo.resolve(KeptChain.STATE_FILE);
            AnchoredAcks acks;
            try (AnvilNode anvil = AnvilNode.builder().dumpState(state).start()) {
                acks = AnchoredAcks.on(anvil);
            } // Anvil dumps its state as it stops
            if (!Files.isRegularFile(state)) {
                throw new IllegalStateException("Anvil wrote no state to " + state);
            }
            Files.writeString(demo.resolve(KeptChain.CONTRACT_FILE), acks.contract + "\n");
            archive = acks.copyTo(demo.resolve("archive"));
        }
        return archive;
    }
}
