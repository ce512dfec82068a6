package dev.pagerboy.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.anchor.LocalLedger;
import dev.pagerboy.streaming.config.KafkaSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The chain of {@code bench pipeline --ack-share}: a local Anvil node with a fresh AlertLedger that
 * the throughput job anchors its accepted acks on (through its two-phase-commit sink, as the live
 * job does), and the count of what the acks became once the job has finished.
 */
final class BenchLedger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final int SAMPLE_REASONS = 5;

    /**
     * What the job did with the acks.
     *
     * @param rejected dead letters from the acks topic
     * @param receipts committed ack receipts (one per anchored ack)
     * @param batches distinct batches the receipts name
     * @param sampleReasons the reasons of the first few rejections, to say why
     */
    record Outcome(long rejected, long receipts, long batches, List<String> sampleReasons) {}

    private final AnvilNode anvil;
    private final LedgerEndpoint endpoint;

    private BenchLedger(AnvilNode anvil, LedgerEndpoint endpoint) {
        this.anvil = anvil;
        this.endpoint = endpoint;
    }

    /**
     * Starts Anvil and deploys the contract; the job's writer key goes to a file in {@code work}.
     */
    static BenchLedger start(Path work) throws IOException {
        AnvilNode anvil = AnvilNode.builder().start();
        try {
            return new BenchLedger(
                    anvil, LocalLedger.deploy(anvil, work.resolve("ledger-writer.key")));
        } catch (RuntimeException | IOException e) {
            anvil.close();
            throw e;
        }
    }

    LedgerEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Reads what the finished job committed about the acks. Call it once the job's transactions
     * have settled ({@link CommittedRecords#awaitSettled}): Flink's committer returns when a
     * transaction is committed, but its markers reach the partitions a moment later, and a
     * read_committed reader stops short of a transaction whose marker is not there yet, so a read
     * at once could miss a partition's last receipts or dead letters.
     */
    static Outcome outcome(String bootstrapServers, KafkaSettings.Topics topics)
            throws IOException {
        long rejected = 0;
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, topics.deadLetters(), READ_TIMEOUT)) {
            JsonNode letter = JSON.readTree(r.value());
            if (topics.acks().equals(letter.path("topic").asText())) {
                rejected++;
                if (reasons.size() < SAMPLE_REASONS) {
                    reasons.add(letter.path("reason").asText());
                }
            }
        }
        List<ConsumerRecord<byte[], byte[]>> receipts =
                CommittedRecords.readAll(bootstrapServers, topics.ackReceipts(), READ_TIMEOUT);
        Set<String> batches = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : receipts) {
            batches.add(JSON.readValue(r.value(), AckReceipt.class).batchId());
        }
        return new Outcome(rejected, receipts.size(), batches.size(), reasons);
    }

    @Override
    public void close() {
        anvil.close();
    }
}
