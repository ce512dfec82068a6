package dev.pagerboy.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.audit.AuditException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which directories hold a kept chain, and a contract file that is not an address. */
class KeptChainTest {

    @TempDir Path demo;

    @Test
    void bothFilesNextToTheArchiveAreAKeptChain() throws Exception {
        Files.writeString(demo.resolve(KeptChain.STATE_FILE), "{}");
        Files.writeString(
                demo.resolve(KeptChain.CONTRACT_FILE),
                "0x5FbDB2315678afecb367f032d93F642f64180aa3\n");
        assertThat(KeptChain.besides(demo.resolve("archive")))
                .contains(
                        new KeptChain(
                                demo.resolve(KeptChain.STATE_FILE),
                                "0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    }

    @Test
    void withoutTheStateThereIsNoKeptChain() throws Exception {
        Files.writeString(
                demo.resolve(KeptChain.CONTRACT_FILE),
                "0x5FbDB2315678afecb367f032d93F642f64180aa3\n");
        assertThat(KeptChain.besides(demo.resolve("archive"))).isEmpty();
    }

    @Test
    void aContractFileThatIsNotAnAddressIsNamed() throws Exception {
        Files.writeString(demo.resolve(KeptChain.STATE_FILE), "{}");
        Files.writeString(demo.resolve(KeptChain.CONTRACT_FILE), "AlertLedger\n");
        assertThatThrownBy(() -> KeptChain.besides(demo.resolve("archive")))
                .isInstanceOf(AuditException.class)
                .hasMessage(
                        demo.resolve(KeptChain.CONTRACT_FILE)
                                + ":1: chain.contract: 'AlertLedger' is not a contract address"
                                + " (expected 0x and 40 hex digits)");
    }
}
