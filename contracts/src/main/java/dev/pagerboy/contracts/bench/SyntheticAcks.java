package dev.pagerboy.contracts.bench;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic acknowledgments for the ledger benchmark: realistic field sizes, no signing (the
 * job checks signatures before anything reaches the ledger, so anchoring never pays for it).
 */
final class SyntheticAcks {

    private static final long T0 = 1_790_000_000_000L;
    private static final String ENGINEER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private SyntheticAcks() {}

    static List<AckLeaf> make(long firstSeq, int count) {
        List<AckLeaf> acks = new ArrayList<>(count);
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            acks.add(
                    new AckLeaf(
                            "INC-" + (seq / 3),
                            String.format("%016x", seq * 0x9E3779B97F4A7C15L),
                            ENGINEER,
                            T0 + seq * 250,
                            Bytes32.keccak256("signature-" + seq),
                            seq,
                            seq % 5 == 0
                                    ? AckMethod.GATEWAY_ONE_TIME_LINK
                                    : AckMethod.SELF_SIGNED));
        }
        return acks;
    }
}
