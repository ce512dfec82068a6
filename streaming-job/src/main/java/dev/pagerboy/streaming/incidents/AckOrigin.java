package dev.pagerboy.streaming.incidents;

import dev.pagerboy.contracts.ack.AckMethod;

/**
 * Where an ack on the {@code acks} topic comes from, which decides how it reaches its incident,
 * whether it can be anchored and, if so, which method its ledger leaf records.
 */
public enum AckOrigin {
    /** The canonical text signed by the engineer it names: anchored on the chain. */
    SELF_SIGNED(AckMethod.SELF_SIGNED),
    /**
     * The canonical text signed by a trusted ack gateway for the engineer who pressed its one-time
     * link: anchored on the chain.
     */
    GATEWAY(AckMethod.GATEWAY_ONE_TIME_LINK),
    /**
     * A PagerDuty Events v2 {@code acknowledge} or {@code resolve} event: names the alert ({@code
     * dedup_key} within {@code routing_key}), not the incident, so {@link PagerDutyAckFunction}
     * finds the incident that carries the alert. It has no signature, so there is nothing a leaf
     * could prove: it takes effect and is archived, but is not anchored.
     */
    PAGERDUTY(null);

    private final AckMethod leafMethod;

    AckOrigin(AckMethod leafMethod) {
        this.leafMethod = leafMethod;
    }

    /** The method a ledger leaf of this ack records; only signed acks have one. */
    public AckMethod leafMethod() {
        if (leafMethod == null) {
            throw new IllegalStateException(name() + " acks are not anchored: they have no leaf");
        }
        return leafMethod;
    }
}
