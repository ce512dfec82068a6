package dev.pagerboy.tools.demo;

import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.config.ConfigException;
import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.dispatcher.config.ReceiverConfig;
import dev.pagerboy.dispatcher.config.ReceiverKind;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.receipts.Receipt;
import dev.pagerboy.dispatcher.receipts.ReceiptWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The demo's delivery leg: one dispatcher replica (as in production, a Kafka consumer of the
 * committed pages) delivering every page to a local key-honouring webhook receiver, and the
 * receipts it writes, which the job reads back (a failed page escalates). Every receiver of the
 * configuration is pointed at the local receiver ({@code /<name>}); chat receivers keep their
 * payload, e-mail and address-less receivers are sent as webhooks, since the demo has no mail
 * relay.
 */
final class DemoDispatch implements AutoCloseable {

    /** The replica's consumer group. */
    static final String GROUP = "pagerboy-demo-dispatcher";

    /**
     * What the receipts say.
     *
     * @param delivered pages with a delivered receipt (distinct idempotency keys)
     * @param failed pages whose only receipts are failed ones
     * @param effects pages the local receiver applied (each once, whatever the re-deliveries)
     */
    record Deliveries(long delivered, long failed, long effects) {}

    private final IdempotentReceiver receiver;
    private final Dispatcher dispatcher;
    private final Thread thread;
    private final String bootstrapServers;
    private final String receiptsTopic;

    private DemoDispatch(
            IdempotentReceiver receiver,
            Dispatcher dispatcher,
            String bootstrapServers,
            String receiptsTopic) {
        this.receiver = receiver;
        this.dispatcher = dispatcher;
        this.bootstrapServers = bootstrapServers;
        this.receiptsTopic = receiptsTopic;
        this.thread = new Thread(() -> dispatcher.run(Duration.ofSeconds(10)), "demo-dispatcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Creates the pages' and receipts' topics on {@code kafka} (with {@code partitions}), then
     * starts the local receiver and one replica reading them.
     */
    static DemoDispatch start(EmbeddedKafka kafka, Path config, int partitions) throws Exception {
        String bootstrapServers = kafka.bootstrapServers();
        DispatcherConfig read;
        try {
            read = DispatcherConfigReader.read(config);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        IdempotentReceiver receiver = IdempotentReceiver.start(2);
        try {
            DispatcherConfig local = toLocalReceiver(read, receiver, bootstrapServers);
            kafka.createTopics(partitions, local.notificationsTopic(), local.receiptsTopic());
            Dispatcher dispatcher = new Dispatcher(local, GROUP, 1, "127.0.0.1", 0);
            return new DemoDispatch(receiver, dispatcher, bootstrapServers, local.receiptsTopic());
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    private static DispatcherConfig toLocalReceiver(
            DispatcherConfig read, IdempotentReceiver receiver, String bootstrapServers) {
        Map<String, ReceiverConfig> local = new LinkedHashMap<>();
        for (ReceiverConfig r : read.receivers().values()) {
            ReceiverKind kind =
                    r.kind() == ReceiverKind.CHAT ? ReceiverKind.CHAT : ReceiverKind.WEBHOOK;
            local.put(
                    r.name(),
                    new ReceiverConfig(r.name(), kind, receiver.url("/" + r.name()), List.of()));
        }
        return new DispatcherConfig(
                bootstrapServers,
                read.notificationsTopic(),
                read.receiptsTopic(),
                local,
                read.gatewayUrl(),
                read.smtp(),
                read.retry(),
                read.requestTimeout(),
                read.concurrency(),
                read.ratePerSecond(),
                read.maxInFlight(),
                read.sessionTimeout());
    }

    /**
     * Waits until every one of {@code pages} has a receipt (or {@code timeout} passes), stops the
     * replica and counts the receipts by outcome.
     */
    Deliveries finish(long pages, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Boolean> delivered = receipts();
        while (delivered.size() < pages && System.nanoTime() < deadline) {
            Thread.sleep(200);
            delivered = receipts();
        }
        dispatcher.stop();
        thread.join(30_000);
        long ok = delivered.values().stream().filter(Boolean::booleanValue).count();
        return new Deliveries(ok, delivered.size() - ok, receiver.effects().size());
    }

    /** Whether each page (by idempotency key) was delivered, from every receipt so far. */
    private Map<String, Boolean> receipts() {
        Map<String, Boolean> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(bootstrapServers, receiptsTopic, Duration.ofSeconds(30))) {
            Receipt receipt;
            try {
                receipt = ReceiptWriter.read(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable receipt at offset " + r.offset(), e);
            }
            boolean ok = receipt.outcome() == Outcome.DELIVERED;
            out.merge(receipt.idempotencyKey(), ok, Boolean::logicalOr);
        }
        return out;
    }

    @Override
    public void close() {
        dispatcher.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        receiver.close();
    }
}
