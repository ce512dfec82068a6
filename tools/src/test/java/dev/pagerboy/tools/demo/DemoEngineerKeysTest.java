package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoEngineerKeysTest {

    /** The demo can only sign for the shipped roster if its addresses are the demo keys'. */
    @Test
    void everyEngineerOfTheShippedRosterHasTheDemoKeyOfTheirName() throws Exception {
        String root = System.getProperty("pagerboy.root");
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                                .resolve("streaming-job/config/pagerboy.yaml"));

        assertThat(config.engineers()).isNotEmpty();
        for (Engineer e : config.engineers().values()) {
            assertThat(DemoEngineerKeys.address(DemoEngineerKeys.of(e.name())))
                    .as(e.name())
                    .isEqualTo(e.address());
        }
    }

    @Test
    void theStrangerIsOnNoRosterEntry() throws Exception {
        String stranger =
                DemoEngineerKeys.address(DemoEngineerKeys.of(DemoEngineerKeys.UNROSTERED));
        String root = System.getProperty("pagerboy.root");
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                                .resolve("streaming-job/config/pagerboy.yaml"));

        assertThat(config.engineers().values())
                .extracting(Engineer::address)
                .doesNotContain(stranger);
    }
}
