package dev.pagerboy.tools.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.ledger.LedgerClient;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.anchor.LocalLedger;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Acknowledgments in the demo, end to end: a local Anvil chain with the AlertLedger contract that
 * the job anchors accepted acks on, the roster's engineers acknowledging their pages ({@link
 * DemoOnCall}), and at the end every committed ack receipt checked against the chain by the
 * contract's {@code verify} view. Off when the configuration has no roster (nobody could sign an
 * ack) or the {@code anvil} binary is missing (the demo says so and runs without a chain).
 *
 * <p>The engineers' acks reach the job hours or days of event time after their pages (see {@link
 * DemoOnCall}), so the incidents they acknowledge are kept open by holding back their alerts'
 * resolves ({@link HeldResolves}); the demo ends in this order, each step once the job has read and
 * checkpointed the one before: every page of the replay is committed ({@link #repeatTick}), the
 * engineers read them all and send their last acks ({@link #finishAcking}), and the clock moves on
 * so that the job applies them ({@link #advanceClock}). The accepted acks then depend only on the
 * dataset.
 *
 * <p>The held resolves are not sent at the end: the acknowledged incidents end the run open
 * (acknowledged), as their alerts are still firing. Sending them after the replay was tried; the
 * resolves then wake the idle alerts partitions at the very end, and in two runs the job's group
 * stage did not flush them before the drain while the replay did, so {@code replay --verify} found
 * the difference (an ordering the job does not yet record; see docs/REPLAY.md).
 */
final class DemoAcking implements AutoCloseable {

    /**
     * The chain is kept next to the archive when the demo stops: Anvil's state and the contract's
     * address, under the names the audit shell's {@code KeptChain} looks for, so {@code ./pagerboy
     * audit --archive .pagerboy/demo/archive} can check the demo's acks without a running chain.
     */
    static final String KEPT_STATE = "chain-state.json";

    static final String KEPT_CONTRACT = "chain-contract";

    /**
     * What acknowledging did.
     *
     * @param acksSent acks the engineers wrote (accepted or not)
     * @param receipts ack receipts committed to the {@code ack-receipts} topic
     * @param batches distinct batches the receipts name
     * @param proofsVerified receipts whose leaf the contract's {@code verify} view accepts
     * @param proofsFailed receipts it rejects, or whose leaf does not hash to its digest
     */
    record Result(
            long acksSent, long receipts, long batches, long proofsVerified, long proofsFailed) {

        void print(PrintStream out) {
            out.printf(
                    "  ack receipts            %,d in %,d batches anchored on the chain%n",
                    receipts, batches);
            out.printf("acks_sent=%d%n", acksSent);
            out.printf("batches_anchored=%d%n", batches);
            out.printf("proofs_verified=%d%n", proofsVerified);
            out.printf("proofs_failed=%d%n", proofsFailed);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Engineer> roster;
    private final AnvilNode anvil;
    private final LedgerEndpoint ledger;
    private final PrintStream out;
    private HeldResolves held = HeldResolves.none(List.of());
    private DemoOnCall onCall;
    private long sent;

    private DemoAcking(
            Map<String, Engineer> roster, AnvilNode anvil, LedgerEndpoint ledger, PrintStream out) {
        this.roster = roster;
        this.anvil = anvil;
        this.ledger = ledger;
        this.out = out;
    }

    /**
     * Starts a chain and deploys the contract (the job's writer account's key goes to a file in
     * {@code workDir}), unless acks are off for this run; says which on {@code out}.
     */
    static DemoAcking start(Map<String, Engineer> roster, Path workDir, PrintStream out)
            throws IOException {
        if (roster.isEmpty()) {
            return new DemoAcking(roster, null, null, out);
        }
        AnvilNode anvil;
        try {
            anvil = AnvilNode.builder().dumpState(workDir.resolve(KEPT_STATE)).start();
        } catch (IllegalStateException e) {
            out.println("      acks off: no local chain (" + e.getMessage() + ")");
            return new DemoAcking(Map.of(), null, null, out);
        }
        try {
            LedgerEndpoint ledger = LocalLedger.deploy(anvil, workDir.resolve("ledger-writer.key"));
            Files.writeString(workDir.resolve(KEPT_CONTRACT), ledger.contract() + "\n");
            out.println("      chain " + anvil.rpcUrl() + ", AlertLedger " + ledger.contract());
            return new DemoAcking(roster, anvil, ledger, out);
        } catch (RuntimeException | IOException e) {
            anvil.close();
            throw e;
        }
    }

    boolean on() {
        return ledger != null;
    }

    /** The job's options with the demo chain as its ledger. */
    JobOptions withLedger(JobOptions options) {
        return on() ? options.toBuilder().ledger(ledger).build() : options;
    }

    /**
     * The dataset to replay: without the resolves of the alerts whose incidents the engineers
     * acknowledge ({@link HeldResolves}), when acks are on; says how many on {@code out}.
     *
     * @param excluded alerts whose resolves must not be held (the one {@code --gateway} keeps open)
     */
    List<Envelope> holdResolves(List<Envelope> dataset, Set<String> excluded) {
        if (!on()) {
            return dataset;
        }
        held = HeldResolves.choose(dataset, HeldResolves.SHARE, excluded);
        out.printf(
                "      acks: the engineers acknowledge the incidents of %d alerts (one in %d);"
                        + " their %d resolves are held back until the acks are in%n",
                held.fingerprints().size(), HeldResolves.SHARE, held.held().size());
        return held.rest();
    }

    /** The engineers start answering pages, acking no later than {@code lastEventTime}. */
    void startEngineers(String bootstrapServers, KafkaSettings.Topics topics, long lastEventTime) {
        if (on()) {
            onCall =
                    DemoOnCall.start(
                            roster,
                            held.fingerprints(),
                            bootstrapServers,
                            topics.notifications(),
                            topics.acks(),
                            lastEventTime);
        }
    }

    /**
     * Sends the replay clock's last tick again. The job commits its pages a moment after the
     * checkpoint that covered the replay completes, not necessarily before its input offsets: once
     * this tick is checkpointed too, every page of the replay is committed.
     */
    void repeatTick(String bootstrapServers, KafkaSettings.Topics topics, long clockAt) {
        if (on()) {
            sendTicks(bootstrapServers, topics, clockAt);
        }
    }

    /**
     * Once every page of the replay is committed ({@link #repeatTick}): the engineers read them
     * all, send their last acks and stop. Returns whether acks are on; the caller then waits until
     * the job has read the acks, before {@link #advanceClock} moves its clock on to apply them.
     */
    boolean finishAcking(String bootstrapServers) throws Exception {
        if (onCall == null) {
            return false;
        }
        CommittedRecords.awaitSettled(bootstrapServers, READ_TIMEOUT);
        sent = onCall.stop();
        onCall = null;
        return true;
    }

    /**
     * Moves the job's clock on to {@code clockAt}, past the replay's clock, so that the acks the
     * engineers wrote last, which are behind the job's event time, are applied: one tick per
     * partition, as the feeder sends them (each carries its own watermark).
     */
    void advanceClock(String bootstrapServers, KafkaSettings.Topics topics, long clockAt) {
        if (on()) {
            sendTicks(bootstrapServers, topics, clockAt);
        }
    }

    private static void sendTicks(
            String bootstrapServers, KafkaSettings.Topics topics, long clockAt) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (PartitionInfo partition : producer.partitionsFor(topics.ticks())) {
                producer.send(
                        new ProducerRecord<>(
                                topics.ticks(), partition.partition(), clockAt, null, new byte[0]));
            }
            producer.flush();
        }
    }

    /**
     * Waits until every ack the job accepted has its receipt committed: accepted acks are those of
     * the {@code acks} topic that did not become dead letters. Call after the job has checkpointed
     * every input record; the job then needs a few more checkpoints to seal, anchor and report the
     * last batch. Draining the job earlier would lose nothing (the anchoring sink reports its last
     * batches before the final checkpoint, docs/RELIABILITY.md finding 8), but the demo's engineers
     * and summary want the receipts of acks they wrote while the job still runs.
     */
    void awaitReceipts(String bootstrapServers, KafkaSettings.Topics topics, Duration max)
            throws InterruptedException {
        if (!on()) {
            return;
        }
        long deadline = System.nanoTime() + max.toNanos();
        long nextReport = System.nanoTime();
        long acks = CommittedRecords.count(bootstrapServers, topics.acks(), READ_TIMEOUT);
        while (true) {
            long rejected =
                    CommittedRecords.readAll(bootstrapServers, topics.deadLetters(), READ_TIMEOUT)
                            .stream()
                            .filter(r -> topics.acks().equals(sourceTopic(r.value())))
                            .count();
            long receipts =
                    CommittedRecords.count(bootstrapServers, topics.ackReceipts(), READ_TIMEOUT);
            if (receipts >= acks - rejected) {
                return;
            }
            if (System.nanoTime() > nextReport) {
                out.printf(
                        "      %,d acks: %,d rejected, %,d receipts of accepted acks so far%n",
                        acks, rejected, receipts);
                nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        (acks - rejected - receipts)
                                + " accepted acks have no receipt after "
                                + max
                                + "; is the chain up?");
            }
            Thread.sleep(500);
        }
    }

    /** Reads every committed receipt and asks the contract to verify its proof. */
    Result verify(String bootstrapServers, KafkaSettings.Topics topics) throws IOException {
        if (!on()) {
            return new Result(0, 0, 0, 0, 0);
        }
        List<ConsumerRecord<byte[], byte[]>> records =
                CommittedRecords.readAll(bootstrapServers, topics.ackReceipts(), READ_TIMEOUT);
        Set<String> batches = new HashSet<>();
        long verified = 0;
        try (LedgerClient chain = ledger.connect()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                AckReceipt receipt = JSON.readValue(r.value(), AckReceipt.class);
                batches.add(receipt.batchId());
                boolean leafMatches =
                        receipt.toLeaf().digest().toHex().equals(receipt.leafDigest());
                if (leafMatches
                        && chain.verify(
                                Bytes32.fromHex(receipt.batchId()),
                                Bytes32.fromHex(receipt.leafDigest()),
                                receipt.proofHashes())) {
                    verified++;
                }
            }
        }
        return new Result(
                sent, records.size(), batches.size(), verified, records.size() - verified);
    }

    @Override
    public void close() {
        if (onCall != null) {
            onCall.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    private static String sourceTopic(byte[] deadLetter) {
        try {
            return JSON.readTree(deadLetter).path("topic").asText();
        } catch (IOException e) {
            return "";
        }
    }
}
