package dev.pagerboy.contracts.testing;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.anvil.DevAccount;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A real Anvil node for one test class, started before its first test and stopped after its last:
 *
 * <pre>{@code
 * @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();
 * ... anvil.rpcUrl(), anvil.web3j(), anvil.account(0).credentials()
 * }</pre>
 *
 * <p>Shipped in the contracts test-jar so other modules' tests can use the same chain fixture.
 */
public final class AnvilExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<AnvilNode> starter;
    private AnvilNode node;
    private Web3j web3j;

    /** A node with the defaults (dev mnemonic, chain id 31337). */
    public AnvilExtension() {
        this(AnvilNode::start);
    }

    /**
     * A node started by {@code starter}, e.g. {@code () -> AnvilNode.builder().chainId(7).start()}.
     */
    public AnvilExtension(Supplier<AnvilNode> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = starter.get();
        web3j = Web3j.build(new HttpService(node.rpcUrl()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (web3j != null) {
            web3j.shutdown();
            web3j = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    public AnvilNode node() {
        if (node == null) {
            throw new IllegalStateException(
                    "the Anvil node runs only during the test class; register the extension"
                            + " on a static field with @RegisterExtension");
        }
        return node;
    }

    public String rpcUrl() {
        return node().rpcUrl();
    }

    public long chainId() {
        return node().chainId();
    }

    public DevAccount account(int index) {
        return node().account(index);
    }

    /** A Web3j client for this node, shut down with it. */
    public Web3j web3j() {
        node();
        return web3j;
    }
}
