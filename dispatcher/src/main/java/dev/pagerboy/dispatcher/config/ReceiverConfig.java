package dev.pagerboy.dispatcher.config;

import java.net.URI;
import java.util.List;

/**
 * One receiver of {@code pagerboy.yaml} as the dispatcher needs it.
 *
 * @param name the receiver's name, which pages carry
 * @param kind how it is reached, or {@code null} when the entry names no address (its pages then
 *     get a failed receipt: the job may route to a receiver that only exists for the record)
 * @param url the webhook or chat URL ({@code null} for e-mail)
 * @param emailTo the recipients of an e-mail receiver (empty otherwise)
 */
public record ReceiverConfig(String name, ReceiverKind kind, URI url, List<String> emailTo) {

    public ReceiverConfig {
        emailTo = List.copyOf(emailTo);
    }

    /** Whether the entry names somewhere to deliver to. */
    public boolean deliverable() {
        return kind != null;
    }
}
