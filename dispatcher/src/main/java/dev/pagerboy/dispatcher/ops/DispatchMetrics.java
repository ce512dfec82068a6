package dev.pagerboy.dispatcher.ops;

import dev.pagerboy.dispatcher.delivery.DeliveryEvents;
import dev.pagerboy.dispatcher.delivery.DeliveryFailure;
import dev.pagerboy.dispatcher.delivery.DeliveryResult;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.delivery.RetryableFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A replica's metrics, in Prometheus format through Micrometer (names below as scraped):
 *
 * <ul>
 *   <li>{@code pagerboy_dispatcher_deliveries_total{receiver,outcome}}: pages finished;
 *   <li>{@code pagerboy_dispatcher_retries_total{receiver,kind}}: attempts that will be retried;
 *   <li>{@code pagerboy_dispatcher_delivery_seconds{receiver}}: first attempt to outcome
 *       (histogram);
 *   <li>{@code pagerboy_dispatcher_dispatch_seconds{receiver}}: page written to {@code
 *       notifications} to outcome (histogram), what an on-call engineer waits for;
 *   <li>{@code pagerboy_dispatcher_lag_records}: records of owned partitions not yet polled;
 *   <li>{@code pagerboy_dispatcher_in_flight_pages}: polled pages without a durable receipt.
 * </ul>
 */
public final class DispatchMetrics implements DeliveryEvents {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong lag = new AtomicLong();
    private final Map<String, ReceiverMeters> byReceiver = new ConcurrentHashMap<>();

    public DispatchMetrics(int replica, IntSupplier inFlight) {
        registry.config().commonTags("replica", String.valueOf(replica));
        Gauge.builder("pagerboy.dispatcher.lag", lag, AtomicLong::get)
                .baseUnit("records")
                .description("records of the owned notifications partitions not yet polled")
                .register(registry);
        Gauge.builder("pagerboy.dispatcher.in.flight", inFlight, s -> s.getAsInt())
                .baseUnit("pages")
                .description("pages polled whose receipt is not yet durable")
                .register(registry);
    }

    @Override
    public void retrying(String receiver, DeliveryFailure failure, long waitMs) {
        Counter.builder("pagerboy.dispatcher.retries")
                .description("delivery attempts that failed and will be retried")
                .tag("receiver", receiver)
                .tag("kind", failure instanceof RetryableFailure ? "retryable" : "final")
                .register(registry)
                .increment();
    }

    @Override
    public void finished(String receiver, DeliveryResult result, long nanos) {
        ReceiverMeters m = meters(receiver);
        m.deliveries
                .computeIfAbsent(
                        result.outcome(),
                        o ->
                                Counter.builder("pagerboy.dispatcher.deliveries")
                                        .description("pages whose delivery ended, by outcome")
                                        .tag("receiver", receiver)
                                        .tag("outcome", o.wire())
                                        .register(registry))
                .increment();
        m.delivery.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A page's time from its record in notifications to its outcome. */
    public void dispatched(String receiver, long millis) {
        meters(receiver).dispatch.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** The current lag of the owned partitions. */
    public void lag(long records) {
        lag.set(records);
    }

    // Every delivery records into these: looked up once per receiver, not built and registered
    // (tags sorted, id hashed) on each call.
    private ReceiverMeters meters(String receiver) {
        return byReceiver.computeIfAbsent(receiver, ReceiverMeters::new);
    }

    /** The meters every delivery to one receiver updates. */
    private final class ReceiverMeters {
        private final Map<Outcome, Counter> deliveries = new ConcurrentHashMap<>();
        private final Timer delivery;
        private final Timer dispatch;

        ReceiverMeters(String receiver) {
            this.delivery =
                    timer("pagerboy.dispatcher.delivery", receiver, "first attempt to outcome");
            this.dispatch =
                    timer(
                            "pagerboy.dispatcher.dispatch",
                            receiver,
                            "page record to delivery outcome");
        }
    }

    private Timer timer(String name, String receiver, String description) {
        return Timer.builder(name)
                .description(description)
                .tag("receiver", receiver)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
