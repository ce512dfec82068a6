package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's acknowledgments end to end on real services (Kafka, the job on a MiniCluster, Anvil),
 * with the shipped configuration (its roster's addresses are the demo engineers' keys) and the
 * first records of the shipped sample: engineers ack their pages, the job accepts their acks and
 * anchors them, and every committed receipt's proof is accepted by the contract's {@code verify}
 * view. The forged and unrostered acks the engineers add are rejected with their reasons.
 *
 * <p>The engineers' acks reach the job far behind its event time (they read only committed pages,
 * and the demo's clock runs thousands of times real time); the incidents they ack are kept open by
 * holding back their alerts' resolves ({@link HeldResolves}), so every one of their acks is
 * accepted however loaded the machine is.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DemoAckingTest {

    /** Acks the first 3,000 records of the sample give the engineers to write, at the least. */
    private static final long MIN_ACCEPTED = 3;

    @Test
    void engineersAckTheirPagesAndEveryReceiptVerifiesOnTheChain(@TempDir Path dir)
            throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root"));
        Path config = root.resolve("streaming-job/config/pagerboy.yaml");
        List<Envelope> sample =
                EnvelopeReader.readAll(
                                root.resolve("datasets/samples/pcic2021-3w.alertmanager.jsonl.gz"))
                        .subList(0, 3_000);
        DemoOptions options =
                new DemoOptions(
                        config,
                        Path.of("sample"),
                        20,
                        OptionalDouble.empty(),
                        dir.resolve("work"),
                        DemoOptions.DEFAULT_COMPACT_EVERY);
        JobOptions defaults = JobOptions.defaults(config);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Demo demo = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        demo.acks = true;
        DemoSummary summary = demo.execute(options, defaults, JobConfig.load(defaults), sample);

        String text = printed.toString(StandardCharsets.UTF_8);
        DemoAcking.Result acking = summary.acking();
        assertThat(acking.acksSent()).as(text).isPositive();
        assertThat(summary.incidents().acknowledged()).as(text).isPositive();
        // Every accepted ack has exactly one receipt, and the contract verifies every one.
        assertThat(acking.receipts()).as(text).isEqualTo(summary.incidents().acksAccepted());
        assertThat(acking.proofsVerified()).as(text).isEqualTo(acking.receipts()).isPositive();
        assertThat(acking.proofsFailed()).isZero();
        assertThat(acking.batches()).isPositive();
        // Every ack an engineer wrote is accepted, however late it reached the job; the only
        // rejections are the replay of an accepted ack, a forgery and a stranger's ack.
        assertThat(summary.incidents().acksRejected())
                .as(text)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("duplicate", 1L, "bad_signature", 1L, "not_on_roster", 1L));
        assertThat(summary.incidents().acksAccepted())
                .as(text)
                .isEqualTo(acking.acksSent() - 3)
                .isGreaterThanOrEqualTo(MIN_ACCEPTED);
        assertThat(summary.incidents().acknowledged())
                .isEqualTo(summary.incidents().acksAccepted());
        ByteArrayOutputStream summaryText = new ByteArrayOutputStream();
        summary.print(new PrintStream(summaryText, true, StandardCharsets.UTF_8));
        assertThat(summaryText.toString(StandardCharsets.UTF_8))
                .contains("acks_sent=" + acking.acksSent() + "\n")
                .contains("proofs_verified=" + acking.proofsVerified() + "\n")
                .contains("proofs_failed=0\n")
                // in the grammar of pagerboy.yaml's durations, not ISO-8601's (18H59M21.8S)
                .containsPattern("; MTTA (\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?\n");
    }
}
