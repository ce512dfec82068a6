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
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DemoAckingTest {

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
        // One replay, one forgery and one stranger's ack, each rejected for what it is.
        // A forgery and a stranger's ack, each rejected for what it is; the replay of the first
        // ack is a duplicate unless that ack came too late for its incident (already resolved).
        assertThat(summary.incidents().acksRejected())
                .as(text)
                .containsEntry("bad_signature", 1L)
                .containsEntry("not_on_roster", 1L);
        assertThat(summary.incidents().acksRejected().getOrDefault("duplicate", 0L))
                .isLessThanOrEqualTo(1L);
        ByteArrayOutputStream summaryText = new ByteArrayOutputStream();
        summary.print(new PrintStream(summaryText, true, StandardCharsets.UTF_8));
        assertThat(summaryText.toString(StandardCharsets.UTF_8))
                .contains("acks_sent=" + acking.acksSent() + "\n")
                .contains("proofs_verified=" + acking.proofsVerified() + "\n")
                .contains("proofs_failed=0\n");
    }
}
