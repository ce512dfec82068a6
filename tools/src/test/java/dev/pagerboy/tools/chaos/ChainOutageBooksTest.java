package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * R3's books count the acks' batches on the contract; the job anchors archive hour roots there too
 * (since session 7), and counting their leaves as acks failed R3 in session 8 (84,112 leaves
 * against 2,801 receipts).
 */
class ChainOutageBooksTest {

    private static final long HOUR = Instant.parse("2026-11-28T22:00:00Z").toEpochMilli();

    @Test
    void anHourRootIsToldApartFromABatchOfAcks() {
        AnchorEvent root = event(HourLeaves.batchId(HOUR, 2), HOUR / HourLeaves.HOUR_MILLIS, 5_000);
        AnchorEvent firstGeneration =
                event(HourLeaves.batchId(HOUR, 0), HOUR / HourLeaves.HOUR_MILLIS, 5_000);
        AnchorEvent acks = event(Bytes32.keccak256("a batch of acks"), 17, 40);

        assertThat(ChainOutage.isHourRoot(root)).isTrue();
        assertThat(ChainOutage.isHourRoot(firstGeneration)).isTrue();
        assertThat(ChainOutage.isHourRoot(acks)).isFalse();
    }

    private static AnchorEvent event(Bytes32 batchId, long firstSeq, long leaves) {
        return new AnchorEvent(
                batchId, Bytes32.keccak256("root"), leaves, firstSeq, "0xwriter", 1, "0xtx");
    }
}
