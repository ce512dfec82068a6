package dev.pagerboy.dispatcher.delivery;

import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.ReceiverConfig;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.payload.AckLinks;
import dev.pagerboy.dispatcher.payload.ChatPayload;
import dev.pagerboy.dispatcher.payload.WebhookPayload;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The receivers of {@code pagerboy.yaml}, each behind its {@link ReceiverGuard}, and the one place
 * that decides where a page goes. A page for a receiver that does not exist, or that names no
 * address, is not an error of the dispatcher: it ends at once as a failed delivery with the reason,
 * so it gets a failed receipt and the job escalates.
 */
public final class Receivers implements AutoCloseable {

    private final Map<String, ReceiverGuard> guards = new LinkedHashMap<>();
    private final Map<String, ReceiverConfig> configs;
    private final Clock clock;
    private final DeliveryEvents events;

    /**
     * @param queueCapacity the most pages one receiver may have waiting: the replica's in-flight
     *     bound plus one poll, so a receiver's queue never rejects a page the replica polled
     */
    public Receivers(
            DispatcherConfig config,
            int queueCapacity,
            AckLinks links,
            HttpClient http,
            Clock clock,
            DeliveryEvents events) {
        this.configs = config.receivers();
        this.clock = clock;
        this.events = events;
        WebhookPayload webhook = new WebhookPayload(links, config.gatewayUrl().toString());
        ChatPayload chat = new ChatPayload(links);
        for (ReceiverConfig r : config.receivers().values()) {
            if (!r.deliverable()) {
                continue;
            }
            Channel channel =
                    switch (r.kind()) {
                        case WEBHOOK ->
                                new HttpChannel(
                                        http,
                                        r.url(),
                                        webhook::body,
                                        config.requestTimeout(),
                                        clock);
                        case CHAT ->
                                new HttpChannel(
                                        http, r.url(), chat::body, config.requestTimeout(), clock);
                        case EMAIL ->
                                new EmailChannel(
                                        config.smtp(), r.emailTo(), links, config.requestTimeout());
                    };
            guards.put(
                    r.name(),
                    new ReceiverGuard(
                            r.name(),
                            channel,
                            config.retry(),
                            config.concurrency(),
                            config.ratePerSecond(),
                            queueCapacity,
                            clock,
                            events));
        }
    }

    /** Delivers {@code page} to its receiver; the future never fails. */
    public CompletableFuture<DeliveryResult> deliver(Page page) {
        ReceiverGuard guard = guards.get(page.receiver());
        if (guard != null) {
            return guard.deliver(page);
        }
        ReceiverConfig known = configs.get(page.receiver());
        String reason =
                known == null
                        ? "unknown receiver \""
                                + page.receiver()
                                + "\" (expected one of: "
                                + String.join(", ", new TreeSet<>(configs.keySet()))
                                + ")"
                        : "receiver \""
                                + page.receiver()
                                + "\" has no address (expected webhook_url, chat_url or email_to"
                                + " in pagerboy.yaml)";
        return CompletableFuture.completedFuture(undeliverable(page.receiver(), reason));
    }

    /** A page that is never attempted: a failed result with {@code reason}, reported as such. */
    public DeliveryResult undeliverable(String receiver, String reason) {
        DeliveryResult result = DeliveryResult.failed(reason, 0, clock.millis());
        events.finished(receiver, result, 0);
        return result;
    }

    @Override
    public void close() {
        guards.values().forEach(ReceiverGuard::close);
    }
}
