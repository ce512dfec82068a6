package dev.pagerboy.streaming.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckReceipt;
import dev.pagerboy.contracts.ledger.AnchorEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AckBatchTest {

    @Test
    void theSameAcksInAnyOrderSealTheSameBatch() {
        List<AckLeaf> acks = TestAcks.acks(0, 37);
        List<AckLeaf> shuffled = new ArrayList<>(acks);
        Collections.shuffle(shuffled, new Random(7));

        AckBatch a = AckBatch.seal(acks);
        AckBatch b = AckBatch.seal(shuffled);

        assertThat(b.batchId()).isEqualTo(a.batchId());
        assertThat(b.tree().root()).isEqualTo(a.tree().root());
        assertThat(b.leaves()).isEqualTo(a.leaves());
        assertThat(a.toAnchor().firstSeq()).isZero();
        assertThat(a.toAnchor().leafCount()).isEqualTo(37);
    }

    @Test
    void acksWithTheSameSequenceAreInDigestOrderWhateverTheirArrival() {
        // In the job most acks are their incident's first (sequence 1): the digest orders them.
        List<AckLeaf> firsts = new ArrayList<>();
        for (AckLeaf a : TestAcks.acks(0, 25)) {
            firsts.add(
                    new AckLeaf(
                            a.incidentId(),
                            a.fingerprint(),
                            a.engineer(),
                            a.ackedAtMillis(),
                            a.signatureHash(),
                            1,
                            a.method()));
        }
        List<AckLeaf> shuffled = new ArrayList<>(firsts);
        Collections.shuffle(shuffled, new Random(3));

        AckBatch a = AckBatch.seal(firsts);
        AckBatch b = AckBatch.seal(shuffled);

        assertThat(b).isEqualTo(a);
        assertThat(a.leaves()).extracting(AckLeaf::digest).isSorted();
        assertThat(a.tree()).as("the tree is built once, when sealing").isSameAs(a.tree());
        assertThat(a.tree().root()).isEqualTo(b.tree().root());
    }

    @Test
    void theBatchIdIsAContentAddress() {
        AckBatch a = AckBatch.seal(TestAcks.acks(0, 10));
        AckBatch oneMore = AckBatch.seal(TestAcks.acks(0, 11));
        AckBatch other = AckBatch.seal(TestAcks.acks(1, 10));

        assertThat(oneMore.batchId()).isNotEqualTo(a.batchId());
        assertThat(other.batchId()).isNotEqualTo(a.batchId());
        assertThat(a.batchId()).isEqualTo(AckBatch.idOf(a.tree().root(), 10));
        assertThat(a.batchId()).isNotEqualTo(a.tree().root());
    }

    @Test
    void everyReceiptCarriesAProofThatLeadsToTheRoot() {
        AckBatch batch = AckBatch.seal(TestAcks.acks(100, 13));
        AnchorEvent event =
                new AnchorEvent(
                        batch.batchId(),
                        batch.tree().root(),
                        13,
                        100,
                        "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                        42,
                        "0xabc");

        List<AckReceipt> receipts = batch.receipts(event, FakeLedger.CONTRACT);

        assertThat(receipts).hasSize(13);
        assertThat(receipts).allMatch(AckReceipt::proofHolds);
        assertThat(receipts).extracting(AckReceipt::toLeaf).isEqualTo(batch.leaves());
        assertThat(receipts).extracting(AckReceipt::blockNumber).containsOnly(42L);
        assertThat(receipts.get(3).leafIndex()).isEqualTo(3);
        assertThat(AckReceiptRows.archiveRow(receipts.get(0)).id())
                .isEqualTo("ack_receipt:" + receipts.get(0).leafDigest());
    }

    @Test
    void batchesAndCommittablesSurviveTheirCheckpointForm() throws IOException {
        AckBatch batch = AckBatch.seal(TestAcks.acks(5, 9));
        var batches = new AnchorSerializers.Batches();
        var committables = new AnchorSerializers.Committables();
        AnchorEvent event =
                new AnchorEvent(batch.batchId(), batch.tree().root(), 9, 5, "0xaa", 7, "0xbeef");

        assertThat(batches.deserialize(1, batches.serialize(batch))).isEqualTo(batch);
        AnchorCommittable anchor = AnchorCommittable.anchor(batch);
        AnchorCommittable report = AnchorCommittable.report(batch, event);
        assertThat(committables.deserialize(1, committables.serialize(anchor))).isEqualTo(anchor);
        assertThat(committables.deserialize(1, committables.serialize(report))).isEqualTo(report);
    }

    @Test
    void aBatchThatReadsBackWithDifferentContentIsRefused() throws IOException {
        var batches = new AnchorSerializers.Batches();
        byte[] bytes = batches.serialize(AckBatch.seal(TestAcks.acks(0, 3)));
        bytes[bytes.length - 2] ^= 1; // inside the last leaf's sequence number

        assertThatThrownBy(() -> batches.deserialize(1, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected the same content address");
    }
}
