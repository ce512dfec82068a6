package dev.pagerboy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.audit.chain.KeptChain;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code ./pagerboy audit --archive .pagerboy/demo/archive} with no other flag, after the demo has
 * stopped: the shell starts a local Anvil from the chain kept next to the archive ({@link
 * KeptDemoChain}) and {@code ack verify} checks the acks against it.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@AuditShellTest
@Import(KeptChainCommandsTest.StartedWithTheDemoArchiveOnly.class)
class KeptChainCommandsTest extends AuditShellTestBase {

    /** {@code --archive} the demo's archive; no {@code --rpc}, no {@code --contract}. */
    @TestConfiguration
    static class StartedWithTheDemoArchiveOnly {
        @Bean
        AuditSettings auditSettings() throws Exception {
            return new AuditSettings(KeptDemoChain.archive(), null, null, null, false);
        }
    }

    @Test
    void ackVerifyStartsAnvilFromTheKeptStateAndVerifies() throws Exception {
        String screen = run("calls/s", "ack", "verify", "--all");
        assertThat(screen)
                .contains(
                        "chain: a local Anvil from "
                                + KeptDemoChain.archive().getParent().resolve(KeptChain.STATE_FILE))
                .contains("7 acks: 6 verified, 0 failed, 1 not anchored")
                .contains("roots of 2 batches read from the chain");
    }
}
