package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.contracts.ack.AckMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic accepted acknowledgments for the anchoring tests: ack {@code n} is always equal.
 */
final class TestAcks {

    static final long T0 = 1_796_000_000_000L;

    private TestAcks() {}

    static AckLeaf ack(long n) {
        return new AckLeaf(
                String.format("%016x-%d", n / 4 * 0x9E3779B97F4A7C15L, T0 + n / 4 * 1000),
                String.format("%016x", n * 0xC2B2AE3D27D4EB4FL),
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                T0 + n * 250,
                Bytes32.keccak256("signature-" + n),
                n,
                n % 5 == 0 ? AckMethod.GATEWAY_ONE_TIME_LINK : AckMethod.SELF_SIGNED);
    }

    static List<AckLeaf> acks(long first, int count) {
        List<AckLeaf> out = new ArrayList<>();
        for (long n = first; n < first + count; n++) {
            out.add(ack(n));
        }
        return out;
    }
}
