package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's command line: bad input gives a message and exit status 2; asking about a cluster
 * that was never started answers without starting anything.
 */
class ClusterMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // ClusterMain's default directory lives under pagerboy.root; point it somewhere empty.
        System.setProperty("pagerboy.root", "target/cluster-main-test");
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        System.clearProperty("pagerboy.root");
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        assertThat(ClusterMain.run(new String[] {"restart"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("pagerboy cluster: Unmatched argument at index 0: 'restart'")
                .contains("run './pagerboy cluster --help' for usage");
    }

    @Test
    void noCommandAndStrayArgumentsAreUsageErrors() throws Exception {
        assertThat(ClusterMain.run(new String[0])).isEqualTo(2);
        assertThat(ClusterMain.run(new String[] {"stop", "--now"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Usage: pagerboy cluster [-h] [--debug] COMMAND")
                .contains("pagerboy cluster stop: Unknown option: '--now'");
    }

    @Test
    void statusStopAndFlinkWithoutAClusterSayThereIsNone() throws Exception {
        assertThat(ClusterMain.run(new String[] {"status"})).isEqualTo(1);
        assertThat(ClusterMain.run(new String[] {"stop"})).isZero();
        assertThat(ClusterMain.run(new String[] {"flink", "list"})).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("No Flink cluster is running")
                .contains("No Flink cluster was running");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("start one with: ./pagerboy cluster start");
    }

    @Test
    void aTaskManagerMemoryThatIsNoSizeIsAUsageErrorBeforeAnythingStarts() throws Exception {
        assertThat(ClusterMain.run(new String[] {"start", "--taskmanager-memory", "lots"}))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("pagerboy cluster: TaskManager memory 'lots' is not a size");
        assertThat(ClusterMain.run(new String[] {"status"})).isEqualTo(1);
    }
}
