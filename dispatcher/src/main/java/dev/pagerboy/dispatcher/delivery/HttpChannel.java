package dev.pagerboy.dispatcher.delivery;

import dev.pagerboy.dispatcher.page.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Webhook and chat receivers: one POST of a JSON body with the page's {@code Idempotency-Key}
 * header (the IETF httpapi draft's name, which Stripe-style receivers honour), so a receiver
 * recognises the second delivery of a page after a retry or a failover.
 */
public final class HttpChannel implements Channel {

    /** The header that carries the page's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpClient client;
    private final URI url;
    private final Function<Page, byte[]> body;
    private final Duration timeout;
    private final Clock clock;

    public HttpChannel(
            HttpClient client,
            URI url,
            Function<Page, byte[]> body,
            Duration timeout,
            Clock clock) {
        this.client = client;
        this.url = url;
        this.body = body;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void deliver(Page page) throws DeliveryFailure {
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "PagerBoy-Dispatcher")
                        .header(IDEMPOTENCY_KEY, page.idempotencyKey())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.apply(page)))
                        .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw RetryClassification.ofException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableFailure("interrupted (replica stopping)");
        }
        var failure =
                RetryClassification.ofStatus(
                        response.statusCode(),
                        response.headers().firstValue("Retry-After"),
                        clock.instant());
        if (failure.isPresent()) {
            throw failure.get();
        }
    }
}
