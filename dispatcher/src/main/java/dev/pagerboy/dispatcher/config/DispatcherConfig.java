package dev.pagerboy.dispatcher.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a dispatcher replica reads from {@code pagerboy.yaml}: the Kafka topics, the receivers
 * and the {@code dispatcher:} section. Immutable; built once by {@link DispatcherConfigReader}.
 *
 * @param bootstrapServers {@code kafka.bootstrap_servers}
 * @param notificationsTopic the topic pages are read from
 * @param receiptsTopic the topic receipts are written to
 * @param receivers by name, in file order
 * @param gatewayUrl the ack gateway's base URL; ack links are {@code <gatewayUrl>/a/<token>}
 * @param smtp the relay e-mail receivers go through
 * @param retry the retry budget of one page
 * @param requestTimeout the timeout of one HTTP request or SMTP conversation
 * @param concurrency deliveries in flight at once per receiver (its bulkhead)
 * @param ratePerSecond deliveries started per second per receiver (its rate limiter)
 * @param maxInFlight pages a replica holds between poll and receipt before it pauses consuming
 * @param sessionTimeout the consumer group's session timeout: how soon a dead replica's partitions
 *     move to the survivors
 */
public record DispatcherConfig(
        String bootstrapServers,
        String notificationsTopic,
        String receiptsTopic,
        Map<String, ReceiverConfig> receivers,
        URI gatewayUrl,
        SmtpSettings smtp,
        RetrySettings retry,
        Duration requestTimeout,
        int concurrency,
        int ratePerSecond,
        int maxInFlight,
        Duration sessionTimeout) {

    public DispatcherConfig {
        receivers = Map.copyOf(receivers);
    }

    public Optional<ReceiverConfig> receiver(String name) {
        return Optional.ofNullable(name == null ? null : receivers.get(name));
    }

    /**
     * The same configuration with another broker address (the {@code --bootstrap-servers} flag).
     */
    public DispatcherConfig withBootstrapServers(String servers) {
        return new DispatcherConfig(
                servers,
                notificationsTopic,
                receiptsTopic,
                receivers,
                gatewayUrl,
                smtp,
                retry,
                requestTimeout,
                concurrency,
                ratePerSecond,
                maxInFlight,
                sessionTimeout);
    }
}
