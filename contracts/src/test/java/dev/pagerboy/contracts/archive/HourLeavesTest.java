package dev.pagerboy.contracts.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourLeavesTest {

    @Test
    void theStoredFormReadsBackAndGivesTheSameRoot() {
        HourLeaves leaves =
                HourLeaves.sorted(
                        List.of(
                                leaf("tick:ticks/0/2"),
                                leaf("alert_raw:alerts/0/1"),
                                leaf("décision:ü")));

        HourLeaves read = HourLeaves.fromBytes(leaves.toBytes());

        assertThat(read).isEqualTo(leaves);
        assertThat(read.leaves().get(0).rowId()).isEqualTo("alert_raw:alerts/0/1");
        assertThat(read.root())
                .isEqualTo(
                        MerkleTree.of(read.leaves().stream().map(HourLeaves.Leaf::digest).toList())
                                .root());
    }

    @Test
    void aTruncatedOrUnsortedListIsRefused() {
        byte[] stored = HourLeaves.sorted(List.of(leaf("a"), leaf("b"))).toBytes();

        assertThatThrownBy(() -> HourLeaves.fromBytes(Arrays.copyOf(stored, stored.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HourLeaves(List.of(leaf("b"), leaf("a"))))
                .hasMessageContaining("out of row id order");
    }

    @Test
    void eachGenerationOfAnHourHasItsOwnBatchId() {
        assertThat(HourLeaves.batchId(0, 0)).isEqualTo(HourLeaves.batchId(0, 0));
        assertThat(HourLeaves.batchId(0, 0)).isNotEqualTo(HourLeaves.batchId(0, 1));
        assertThat(HourLeaves.batchId(0, 0))
                .isEqualTo(Bytes32.keccak256("pagerboy/archive-hour/v1/1970-01-01T00:00:00Z/0"));
    }

    private static HourLeaves.Leaf leaf(String id) {
        return new HourLeaves.Leaf(id, Bytes32.keccak256(id));
    }
}
