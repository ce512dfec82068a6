package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench pipeline --ack-share}'s acks, through the benchmark's own bounded throughput job on
 * a real Anvil: the acks name incidents the alerts open ({@link FirstIncidents}), so the job
 * accepts every one of them, and anchors every accepted one (a committed receipt each, and its leaf
 * on the chain). The input is the benchmark's own at a small size ({@link BoundedBenchRun}).
 *
 * <p>Every ack is accounted for from the archive's verdict rows, the committed topics and the chain
 * ({@link AckAccount}), after the job's last Kafka transactions have settled: a transaction is
 * committed when Flink's committer returns, but its markers reach the partitions a moment later,
 * and until then a read_committed reader stops short of it. Read at once when the job finished, a
 * partition's last transaction of receipts or of dead letters could still be invisible (CI, session
 * 9: "expected 349 but was 345").
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BenchAcksTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration SETTLE = Duration.ofMinutes(1);

    @TempDir Path work;

    @Test
    void benchAcksNameIncidentsTheAlertsOpenAndEveryAcceptedOneIsAnchored() throws Exception {
        BoundedBenchRun bench = BoundedBenchRun.load(KAFKA, work);
        BenchAcks.Loaded acks =
                BenchAcks.load(
                        KAFKA.bootstrapServers(),
                        bench.topics().acks(),
                        bench.config().pagerboy(),
                        bench.input(),
                        0.5);
        assertThat(acks.acks()).as("acks for half of %d groups", acks.groups()).isPositive();
        assertThat(acks.acks()).isBetween(acks.groups() / 2 - 5, acks.groups() / 2 + 1);

        try (BenchLedger chain = BenchLedger.start(work)) {
            String name = "bench-acks";
            String run;
            try (MiniClusterJob job =
                            MiniClusterJob.start(bench.job(name, chain.endpoint()), 2, name);
                    JobRunWatch watch =
                            JobRunWatch.start(
                                    job.restAddress(), job.jobId().toString(), "pagerboy.anchor")) {
                job.awaitFinished(Duration.ofMinutes(5));
                run = watch.describe();
            }
            long receiptsAtEnd =
                    CommittedRecords.count(
                            KAFKA.bootstrapServers(), bench.topics().ackReceipts(), SETTLE);
            long deadLettersAtEnd =
                    AckAccount.ackDeadLetters(KAFKA.bootstrapServers(), bench.topics());
            CommittedRecords.awaitSettled(KAFKA.bootstrapServers(), SETTLE);
            AckAccount account =
                    AckAccount.read(
                            bench.archive(name),
                            KAFKA.bootstrapServers(),
                            bench.topics(),
                            chain.endpoint());
            String why =
                    String.format(
                            "%d acks sent; readable when the job finished, before its transactions"
                                    + " settled: %d receipts, %d dead letters of acks%n%s%n%s",
                            acks.acks(), receiptsAtEnd, deadLettersAtEnd, account.describe(), run);
            System.out.println("bench acks: " + why);

            assertThat(account.decided())
                    .as("acks with a verdict row, accepted or rejected\n%s", why)
                    .isEqualTo(acks.acks());
            assertThat(account.deadLetters())
                    .as("dead letters of acks, one per rejected verdict\n%s", why)
                    .isEqualTo(account.rejectedCount());
            assertThat(account.rejected())
                    .as("rejected acks (every ack names an incident the alerts open)\n%s", why)
                    .isEmpty();
            assertThat(account.acceptedWithoutReceipt())
                    .as("accepted acks without a committed receipt\n%s", why)
                    .isEmpty();
            assertThat(account.receipts())
                    .as("committed receipts, one per accepted ack\n%s", why)
                    .hasSameSizeAs(account.accepted());
            assertThat(account.archivedReceipts())
                    .as("ack_receipt rows, one per accepted ack\n%s", why)
                    .hasSameSizeAs(account.accepted());
            assertThat(account.anchoredLeaves())
                    .as("leaves anchored on the chain\n%s", why)
                    .isEqualTo(account.accepted().size());
        }
    }
}
