package dev.pagerboy.dispatcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.dispatcher.delivery.DeliveryResult;
import dev.pagerboy.dispatcher.delivery.Outcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The scraped metrics count every delivery under its own receiver and outcome: the meters are
 * looked up once per receiver (not registered per delivery), and that must not mix receivers or
 * outcomes.
 */
class DispatchMetricsTest {

    private static final DeliveryResult DELIVERED = new DeliveryResult(Outcome.DELIVERED, "", 1, 0);
    private static final DeliveryResult FAILED =
            new DeliveryResult(Outcome.FAILED, "HTTP 400", 1, 0);

    @Test
    void countsDeliveriesByReceiverAndOutcome() {
        DispatchMetrics metrics = new DispatchMetrics(7, () -> 0);
        for (int i = 0; i < 3; i++) {
            metrics.finished("webhook", DELIVERED, 2_000_000);
        }
        metrics.finished("webhook", FAILED, 1_000_000);
        metrics.finished("chat", FAILED, 1_000_000);
        metrics.finished("chat", FAILED, 1_000_000);

        String scrape = metrics.scrape();
        assertThat(value(scrape, "pagerboy_dispatcher_deliveries_total", "webhook", "delivered"))
                .isEqualTo(3.0);
        assertThat(value(scrape, "pagerboy_dispatcher_deliveries_total", "webhook", "failed"))
                .isEqualTo(1.0);
        assertThat(value(scrape, "pagerboy_dispatcher_deliveries_total", "chat", "failed"))
                .isEqualTo(2.0);
        assertThat(value(scrape, "pagerboy_dispatcher_deliveries_total", "chat", "delivered"))
                .isNull();
        assertThat(value(scrape, "pagerboy_dispatcher_delivery_seconds_count", "webhook", null))
                .isEqualTo(4.0);
        assertThat(value(scrape, "pagerboy_dispatcher_delivery_seconds_count", "chat", null))
                .isEqualTo(2.0);
    }

    @Test
    void timesDispatchPerReceiver() {
        DispatchMetrics metrics = new DispatchMetrics(1, () -> 0);
        metrics.dispatched("webhook", 12);
        metrics.dispatched("webhook", 30);
        metrics.dispatched("email", 5);

        String scrape = metrics.scrape();
        assertThat(value(scrape, "pagerboy_dispatcher_dispatch_seconds_count", "webhook", null))
                .isEqualTo(2.0);
        assertThat(value(scrape, "pagerboy_dispatcher_dispatch_seconds_sum", "webhook", null))
                .isEqualTo(0.042);
        assertThat(value(scrape, "pagerboy_dispatcher_dispatch_seconds_count", "email", null))
                .isEqualTo(1.0);
    }

    /** The sample of {@code name} for {@code receiver} (and {@code outcome}), or null. */
    private static Double value(String scrape, String name, String receiver, String outcome) {
        return Arrays.stream(scrape.split("\n"))
                .filter(l -> l.startsWith(name + "{"))
                .filter(l -> l.contains("receiver=\"" + receiver + "\""))
                .filter(l -> outcome == null || l.contains("outcome=\"" + outcome + "\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(null);
    }
}
