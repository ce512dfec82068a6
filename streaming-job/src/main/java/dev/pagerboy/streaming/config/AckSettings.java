package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the job judges signed acknowledgments ({@code acks:} in {@code pagerboy.yaml}).
 *
 * @param maxSkew how far an ack's signed {@code acked_at} may be from its record's event time
 *     (either way) before it is rejected: a signed text that surfaces much later, or claims a time
 *     far from when it arrived, is not an acknowledgment of the incident as it is now
 * @param gatewaySigners addresses of ack gateways ({@code acks.gateway_signers}) whose signature
 *     stands for the engineer the text names (method "gateway-signed one-time link"); lowercase
 */
public record AckSettings(Duration maxSkew, List<String> gatewaySigners) implements Serializable {

    /** Five minutes: covers clock drift of phones and the gateway's queueing, not a replay. */
    public static final AckSettings DEFAULTS = new AckSettings(Duration.ofMinutes(5));

    public AckSettings {
        gatewaySigners = List.copyOf(gatewaySigners);
    }

    /** Settings that trust no gateway. */
    public AckSettings(Duration maxSkew) {
        this(maxSkew, List.of());
    }
}
