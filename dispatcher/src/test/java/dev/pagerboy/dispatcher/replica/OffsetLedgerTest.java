package dev.pagerboy.dispatcher.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Only the contiguous prefix of pages with durable receipts is ever committable. */
class OffsetLedgerTest {

    private static final TopicPartition P0 = new TopicPartition("notifications", 0);
    private static final TopicPartition P1 = new TopicPartition("notifications", 1);

    @Test
    void aSlowPageHoldsBackTheOffsetsAfterIt() {
        OffsetLedger ledger = new OffsetLedger();
        OffsetLedger.Track t = ledger.track(P0);
        for (long o = 10; o < 15; o++) {
            t.started(o);
        }
        t.finished(10);
        t.finished(12);
        t.finished(13);
        t.finished(14);
        // 11 is still in flight: committing 15 would lose it in a crash.
        assertThat(ledger.ready()).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
        t.finished(11);
        assertThat(ledger.ready()).isEqualTo(Map.of(P0, new OffsetAndMetadata(15)));
    }

    @Test
    void anOffsetIsOfferedOnceUntilItMoves() {
        OffsetLedger ledger = new OffsetLedger();
        OffsetLedger.Track t = ledger.track(P0);
        t.started(0);
        t.finished(0);
        Map<TopicPartition, OffsetAndMetadata> ready = ledger.ready();
        assertThat(ready).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
        ledger.committed(ready);
        assertThat(ledger.ready()).isEmpty();
        t.started(1);
        assertThat(ledger.ready()).isEmpty();
    }

    @Test
    void aRevokedPartitionIgnoresLateFinishes() {
        OffsetLedger ledger = new OffsetLedger();
        OffsetLedger.Track old = ledger.track(P1);
        old.started(5);
        ledger.forget(P1);
        old.finished(5);
        assertThat(ledger.ready()).isEmpty();
        // Owned again: a fresh track, which the late finish of the old one did not touch.
        OffsetLedger.Track again = ledger.track(P1);
        again.started(5);
        assertThat(ledger.ready()).isEqualTo(Map.of(P1, new OffsetAndMetadata(5)));
        assertThat(ledger.inFlight()).isEqualTo(1);
    }
}
