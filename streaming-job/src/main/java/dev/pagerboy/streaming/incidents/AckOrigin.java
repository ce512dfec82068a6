package dev.pagerboy.streaming.incidents;

/**
 * Where an ack on the {@code acks} topic comes from, which decides how it reaches its incident and
 * whether it can be anchored.
 */
public enum AckOrigin {
    /**
     * The canonical text signed by an engineer: names the incident, proves the signer, anchored on
     * the chain.
     */
    SIGNED,
    /**
     * A PagerDuty Events v2 {@code acknowledge} or {@code resolve} event: names the alert ({@code
     * dedup_key} within {@code routing_key}), not the incident, so {@link PagerDutyAckFunction}
     * finds the incident that carries the alert. It has no signature, so there is nothing a leaf
     * could prove: it takes effect and is archived, but is not anchored.
     */
    PAGERDUTY
}
