package dev.pagerboy.dispatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.receipts.Receipt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replica (in this JVM) against a real Kafka broker and a local key-honouring receiver: a
 * receiver that is down for a while gets everything once it recovers, with the backoff visible in
 * the receipts (issue 15 h); a receiver that refuses every page gets failed receipts after one
 * attempt each (i); pages that cannot be delivered at all (unknown receiver, no address, not a
 * page) get failed receipts with their reason and the replica keeps delivering (bad input).
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeliveryBehaviourTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir Path dir;

    private Path config(String name, String receiversYaml, String retryYaml) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                "kafka:\n"
                        + "  bootstrap_servers: "
                        + kafka.bootstrapServers()
                        + "\n  topics: {notifications: "
                        + name
                        + "-notifications, receipts: "
                        + name
                        + "-receipts}\n"
                        + "receivers:\n"
                        + receiversYaml
                        + "dispatcher:\n"
                        + "  gateway_url: http://127.0.0.1:1\n"
                        + "  session_timeout: 6s\n"
                        + "  request_timeout: 2s\n"
                        + retryYaml);
        kafka.createTopics(3, name + "-notifications");
        kafka.createTopics(2, name + "-receipts");
        return file;
    }

    /** A replica of group {@code name} running on its own thread until closed. */
    private static final class RunningReplica implements AutoCloseable {
        final Dispatcher dispatcher;
        final Thread thread;

        RunningReplica(DispatcherConfig config, String group) throws Exception {
            dispatcher = new Dispatcher(config, group, 7, "127.0.0.1", 0);
            thread = new Thread(() -> dispatcher.run(Duration.ofSeconds(5)), "replica-" + group);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            dispatcher.stop();
            thread.join(30_000);
            dispatcher.close();
        }
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEverythingAfterItRecovers() throws Exception {
        try (IdempotentReceiver receiver = IdempotentReceiver.start()) {
            receiver.refuseWith(503, "1");
            Path file =
                    config(
                            "outage",
                            "  - {name: web, team: t, webhook_url: "
                                    + receiver.url("/hook")
                                    + "}\n",
                            "  retry: {max_attempts: 40, initial_backoff: 100ms, max_backoff: 1s,"
                                    + " max_elapsed: 90s}\n"
                                    // every page in flight at once, so each meets the outage
                                    + "  concurrency: 64\n");
            DispatcherConfig config = DispatcherConfigReader.read(file);
            List<Page> pages =
                    IntStream.range(0, 40).mapToObj(i -> PageFeed.page(i, "web")).toList();
            PageFeed.write(
                    kafka.transactionalProducerProperties("outage-feed"),
                    config.notificationsTopic(),
                    pages,
                    10);
            List<String> keys = PageFeed.keys(pages);
            long outageStarted = System.currentTimeMillis();
            try (RunningReplica replica = new RunningReplica(config, "outage");
                    ReceiptLog receipts =
                            new ReceiptLog(kafka.bootstrapServers(), config.receiptsTopic())) {
                // The outage lasts until the receiver has turned away many attempts.
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.refused() >= 50);
                assertThat(receipts.poll(Duration.ofMillis(100))).isEmpty();
                receiver.recover();
                long outageMs = System.currentTimeMillis() - outageStarted;
                await().atMost(Duration.ofSeconds(60)).until(() -> receipts.covers(keys));

                assertThat(receiver.effects().keySet()).containsExactlyInAnyOrderElementsOf(keys);
                for (String key : keys) {
                    Receipt r = receipts.receipts().get(key).get(0);
                    assertThat(r.outcome()).as(key).isEqualTo(Outcome.DELIVERED);
                    assertThat(r.attempts()).as("attempts of %s", key).isGreaterThan(1);
                    assertThat(r.replica()).isEqualTo(7);
                    assertThat(r.incidentId()).isEqualTo(key.substring(0, key.indexOf('/')));
                }
                long slowest =
                        keys.stream()
                                .mapToLong(k -> receipts.receipts().get(k).get(0).latencyMs())
                                .max()
                                .orElseThrow();
                // Every page waited out the outage: its latency spans it.
                assertThat(slowest).isGreaterThanOrEqualTo(outageMs - 1_000);
                System.out.printf(
                        "outage: %d ms, %d refused attempts, max attempts %d, slowest page %d ms%n",
                        outageMs,
                        receiver.refused(),
                        keys.stream()
                                .mapToInt(k -> receipts.receipts().get(k).get(0).attempts())
                                .max()
                                .orElseThrow(),
                        slowest);
            }
        }
    }

    @Test
    void aReceiverThatAlwaysRefusesGetsFailedReceiptsAfterOneAttempt() throws Exception {
        try (IdempotentReceiver receiver = IdempotentReceiver.start()) {
            receiver.refuseWith(400, null);
            Path file =
                    config(
                            "refusal",
                            "  - {name: strict, team: t, chat_url: "
                                    + receiver.url("/chat")
                                    + "}\n",
                            "");
            DispatcherConfig config = DispatcherConfigReader.read(file);
            List<Page> pages =
                    IntStream.range(0, 30).mapToObj(i -> PageFeed.page(i, "strict")).toList();
            PageFeed.write(
                    kafka.transactionalProducerProperties("refusal-feed"),
                    config.notificationsTopic(),
                    pages,
                    30);
            List<String> keys = PageFeed.keys(pages);
            try (RunningReplica replica = new RunningReplica(config, "refusal");
                    ReceiptLog receipts =
                            new ReceiptLog(kafka.bootstrapServers(), config.receiptsTopic())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> receipts.covers(keys));
                for (String key : keys) {
                    Receipt r = receipts.receipts().get(key).get(0);
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.attempts()).isEqualTo(1);
                    assertThat(r.reason()).isEqualTo("HTTP 400 (the receiver refused the page)");
                    assertThat(r.receiver()).isEqualTo("strict");
                }
                assertThat(receiver.requests()).isEqualTo(keys.size());
                assertThat(receiver.effects()).isEmpty();
            }
        }
    }

    @Test
    void undeliverablePagesGetFailedReceiptsAndTheReplicaKeepsDelivering() throws Exception {
        try (IdempotentReceiver receiver = IdempotentReceiver.start()) {
            Path file =
                    config(
                            "bad-input",
                            "  - {name: web, team: t, webhook_url: "
                                    + receiver.url("/hook")
                                    + "}\n  - {name: nowhere, team: t}\n",
                            "");
            DispatcherConfig config = DispatcherConfigReader.read(file);
            Page unknown = PageFeed.page(1, "no-such-receiver");
            Page noAddress = PageFeed.page(2, "nowhere");
            Page good = PageFeed.page(3, "web");
            List<byte[]> values =
                    new ArrayList<>(
                            List.of(
                                    "{not json".getBytes(StandardCharsets.UTF_8),
                                    "{\"receiver\":\"web\"}".getBytes(StandardCharsets.UTF_8),
                                    dev.pagerboy.dispatcher.page.PageReader.write(unknown),
                                    dev.pagerboy.dispatcher.page.PageReader.write(noAddress),
                                    dev.pagerboy.dispatcher.page.PageReader.write(good)));
            // One partition's worth of keys: all records land in order on partition 0's neighbours.
            PageFeed.writeRaw(
                    kafka.transactionalProducerProperties("bad-input-feed"),
                    config.notificationsTopic(),
                    values,
                    Arrays.asList(
                            null,
                            null,
                            unknown.idempotencyKey(),
                            noAddress.idempotencyKey(),
                            good.idempotencyKey()));
            try (RunningReplica replica = new RunningReplica(config, "bad-input");
                    ReceiptLog receipts =
                            new ReceiptLog(kafka.bootstrapServers(), config.receiptsTopic())) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receipts.poll(Duration.ofMillis(200)).size() >= 5);
                Map<String, List<Receipt>> byKey = receipts.receipts();
                assertThat(byKey.get(good.idempotencyKey()).get(0).outcome())
                        .isEqualTo(Outcome.DELIVERED);
                assertThat(byKey.get(unknown.idempotencyKey()).get(0).reason())
                        .isEqualTo(
                                "unknown receiver \"no-such-receiver\" (expected one of: nowhere,"
                                        + " web)");
                assertThat(byKey.get(noAddress.idempotencyKey()).get(0).reason())
                        .startsWith("receiver \"nowhere\" has no address");
                List<Receipt> unreadable =
                        byKey.entrySet().stream()
                                .filter(e -> e.getKey().startsWith("unreadable:"))
                                .map(e -> e.getValue().get(0))
                                .toList();
                assertThat(unreadable).hasSize(2);
                assertThat(unreadable)
                        .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAILED))
                        .anySatisfy(r -> assertThat(r.reason()).startsWith("not a page: "))
                        .anySatisfy(
                                r ->
                                        assertThat(r.reason())
                                                .isEqualTo(
                                                        "page without idempotencyKey (expected a"
                                                                + " non-empty key)"));
                assertThat(receiver.effects()).containsOnlyKeys(good.idempotencyKey());

                // The replica is healthy and its metrics count the outcomes.
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + replica.dispatcher.opsPort();
                HttpResponse<String> health =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                String metrics =
                        http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                assertThat(metrics)
                        .contains(
                                "pagerboy_dispatcher_deliveries_total{outcome=\"delivered\",receiver=\"web\",replica=\"7\"} 1.0")
                        .contains(
                                "pagerboy_dispatcher_deliveries_total{outcome=\"failed\",receiver=\"nowhere\",replica=\"7\"} 1.0")
                        .contains("pagerboy_dispatcher_dispatch_seconds_bucket")
                        .contains("pagerboy_dispatcher_lag_records");
            }
        }
    }
}
