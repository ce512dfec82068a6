package dev.pagerboy.streaming.anchor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.sinks.JsonKafkaSerializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code ack_receipt} JSON is read by others (the audit shell, the gateway's board, the demo),
 * so its bytes are pinned: on the {@code ack-receipts} topic (fields in declaration order) and in
 * the archive row's payload (canonical JSON, fields sorted).
 */
class AckReceiptJsonTest {

    private static final AckReceipt RECEIPT =
            new AckReceipt(
                    "0x" + "11".repeat(32),
                    "0123456789abcdef-1796000000000",
                    "fedcba9876543210",
                    "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                    1_796_000_060_000L,
                    "0x" + "22".repeat(32),
                    7,
                    "SELF_SIGNED",
                    "0x" + "33".repeat(32),
                    "0x" + "44".repeat(32),
                    1,
                    2,
                    List.of("0x" + "55".repeat(32)),
                    42,
                    "0xabc",
                    FakeLedger.CONTRACT);

    @Test
    void theTopicsJsonKeepsItsFieldsAndTheirOrder() {
        byte[] value =
                new JsonKafkaSerializer<AckReceipt>("ack-receipts", AckReceipt::leafDigest)
                        .serialize(RECEIPT, null, 0L)
                        .value();

        assertThat(new String(value, UTF_8))
                .isEqualTo(
                        "{\"leafDigest\":\"0x"
                                + "11".repeat(32)
                                + "\",\"incidentId\":\"0123456789abcdef-1796000000000\","
                                + "\"fingerprint\":\"fedcba9876543210\","
                                + "\"engineer\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\","
                                + "\"ackedAtMillis\":1796000060000,\"signatureHash\":\"0x"
                                + "22".repeat(32)
                                + "\",\"sequence\":7,\"method\":\"SELF_SIGNED\",\"batchId\":\"0x"
                                + "33".repeat(32)
                                + "\",\"root\":\"0x"
                                + "44".repeat(32)
                                + "\",\"leafIndex\":1,\"leafCount\":2,\"proof\":[\"0x"
                                + "55".repeat(32)
                                + "\"],\"blockNumber\":42,\"transactionHash\":\"0xabc\","
                                + "\"contract\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"}");
    }

    @Test
    void theArchiveRowsPayloadIsTheSameFieldsSorted() {
        assertThat(AckReceiptRows.archiveRow(RECEIPT).payloadJson())
                .isEqualTo(ArchiveRecord.CanonicalJson.write(RECEIPT))
                .isEqualTo(
                        "{\"ackedAtMillis\":1796000060000,\"batchId\":\"0x"
                                + "33".repeat(32)
                                + "\",\"blockNumber\":42,"
                                + "\"contract\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\","
                                + "\"engineer\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\","
                                + "\"fingerprint\":\"fedcba9876543210\","
                                + "\"incidentId\":\"0123456789abcdef-1796000000000\","
                                + "\"leafCount\":2,\"leafDigest\":\"0x"
                                + "11".repeat(32)
                                + "\",\"leafIndex\":1,\"method\":\"SELF_SIGNED\",\"proof\":[\"0x"
                                + "55".repeat(32)
                                + "\"],\"root\":\"0x"
                                + "44".repeat(32)
                                + "\",\"sequence\":7,\"signatureHash\":\"0x"
                                + "22".repeat(32)
                                + "\",\"transactionHash\":\"0xabc\"}");
    }
}
