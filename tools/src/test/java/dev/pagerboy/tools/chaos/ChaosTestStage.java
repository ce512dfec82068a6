package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the chaos test classes share: one stage (a broker JVM, a JobManager and a TaskManager JVM)
 * and one context (the fault-free reference run, made on first use) per class, over {@value
 * #DEFAULT_ALERTS} generated alerts ({@code -Dpagerboy.chaos.alerts=N} to change it) with outages
 * of {@code -Dpagerboy.chaos.outage=SECONDS} (default 10), and the check every scenario test makes.
 */
final class ChaosTestStage implements AutoCloseable {

    static final long DEFAULT_ALERTS = 20_000;

    private final ChaosStage stage;
    private final ChaosContext ctx;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private ChaosTestStage(Path work) {
        // Failsafe runs in tools/: the project root (Flink home, job jar, shipped config) is above.
        if (System.getProperty("pagerboy.root") == null) {
            System.setProperty(
                    "pagerboy.root", Path.of("..").toAbsolutePath().normalize().toString());
        }
        long alerts = Long.getLong("pagerboy.chaos.alerts", DEFAULT_ALERTS);
        long outage = Long.getLong("pagerboy.chaos.outage", 10);
        this.stage = ChaosStage.start(work);
        PrintStream out = new PrintStream(new Tee(System.out, log), true, StandardCharsets.UTF_8);
        this.ctx =
                new ChaosContext(
                        stage,
                        work,
                        new ChaosContext.Options(alerts, 20, 1, Duration.ofSeconds(outage)),
                        out);
    }

    static ChaosTestStage start(Path work) {
        return new ChaosTestStage(work);
    }

    /**
     * Runs {@code scenario} and fails unless its books balance (the dispatcher replicas' too: every
     * scenario runs them) and it passed.
     */
    void assertPasses(Scenario scenario) {
        ScenarioReport report = ChaosCommand.runOne(ctx, scenario);
        report.print(ctx.out());
        assertThat(report.keyValueLine())
                .as(log.toString(StandardCharsets.UTF_8))
                .contains("scenario=" + scenario.name())
                .contains(" lost=0 ")
                .contains(" duplicated=0 ")
                .endsWith("passed=true");
        // the dispatcher replicas' books must be in the line, and balance; R5 runs the job once
        // per hostile ROM, each run with its replicas, and sums their books into lost= and
        // duplicated=, with a row per run that must pass
        String dispatcherBooks =
                scenario == Scenario.R5
                        ? " pages_delivered="
                        : " deliveries_lost=0 effects_duplicated=0 ";
        assertThat(report.keyValueLine())
                .as(log.toString(StandardCharsets.UTF_8))
                .contains(dispatcherBooks);
        if (scenario != Scenario.R5) {
            assertThat(report.keyValueLine()).contains(" delivery_receipts_lost=0 ");
        }
    }

    @Override
    public void close() {
        stage.close();
    }

    /** Writes to two streams: the console and the log a failure message shows. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
