package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short versions of the chaos scenarios ({@code ./pagerboy chaos} is the full one): one stage
 * (a broker JVM, a JobManager and a TaskManager JVM) and one fault-free reference run for the
 * class, then each scenario with one fault over {@value #DEFAULT_ALERTS} generated alerts ({@code
 * -Dpagerboy.chaos.alerts=N} to change it). Each test fails when the scenario's books do not
 * balance: an at-least-once notifications sink makes R1 report duplicates (docs/RELIABILITY.md).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenariosTest {

    static final long DEFAULT_ALERTS = 20_000;

    @TempDir static Path work;

    private static ChaosStage stage;
    private static ChaosContext ctx;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void startStage() {
        // Surefire runs in tools/: the project root (Flink home, job jar, shipped config) is above.
        if (System.getProperty("pagerboy.root") == null) {
            System.setProperty(
                    "pagerboy.root", Path.of("..").toAbsolutePath().normalize().toString());
        }
        long alerts = Long.getLong("pagerboy.chaos.alerts", DEFAULT_ALERTS);
        stage = ChaosStage.start(work);
        PrintStream out =
                new PrintStream(new TeeStream(System.out, LOG), true, StandardCharsets.UTF_8);
        ctx =
                new ChaosContext(
                        stage,
                        work,
                        new ChaosContext.Options(alerts, 20, 1, Duration.ofSeconds(10)),
                        out);
    }

    @AfterAll
    static void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void r1TaskManagerKillLosesAndDuplicatesNothing() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R1));
    }

    @Disabled(
            "not yet run as part of this class; passed in ./pagerboy chaos all (docs/RELIABILITY.md) — enable once it has run here")
    @Test
    @Order(2)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void r2BrokerKillAndRestartLosesAndDuplicatesNothing() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R2));
    }

    @Disabled(
            "fails on finding 1 (an oversized dead letter kills the TaskManager) and finding 2 (readers accept hostile alerts): docs/RELIABILITY.md, issue 20")
    @Test
    @Order(3)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void r4HostileInputBecomesDeadLettersWithoutRestarts() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R4));
    }

    @Disabled(
            "its cycle check was corrected after the recorded run and it has not run since: docs/RELIABILITY.md, issue 20")
    @Test
    @Order(4)
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void r5HostileHandlerRomsFaultWithinTheBudgetWithoutRestarts() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R5));
    }

    @Disabled(
            "fails on finding 4 (a bounded job resumed with flink run -s never finishes): docs/RELIABILITY.md, issue 20")
    @Test
    @Order(5)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void r6JobManagerKillResumedFromTheRetainedCheckpointLosesAndDuplicatesNothing() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R6));
    }

    @Disabled(
            "fails on finding 5 (a 30 s archive outage exhausts the restart attempts): docs/RELIABILITY.md, issue 20")
    @Test
    @Order(6)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void r7ArchiveOutageNeverCommitsACheckpointWithoutItsFiles() {
        assertBalanced(ChaosCommand.runOne(ctx, Scenario.R7));
    }

    private static void assertBalanced(ScenarioReport report) {
        report.print(ctx.out());
        String line = report.keyValueLine();
        assertThat(line)
                .as(LOG.toString(StandardCharsets.UTF_8))
                .contains("scenario=" + report.scenario().name())
                .contains(" lost=0 ")
                .contains(" duplicated=0 ")
                .endsWith("passed=true");
    }

    /** Writes to two streams: the console and the log a failure message shows. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
